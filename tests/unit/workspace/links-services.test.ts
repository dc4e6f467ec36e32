/**
 * What the links screens are given (workspace/links-services.ts), over a real workspace on
 * fake-indexeddb: the neighbours' list follows every choice, a choice is recorded as the
 * household's on its own phone and as the facilitator's anywhere else, and the home's count of
 * new requests starts again from the household's last visit on this device.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RankedNeighbour } from '../../../src/domain/links';
import type { Choice } from '../../../src/domain/schemas';
import { linksServices } from '../../../src/workspace/links-services';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { must } from '../../fixtures/workspace';
import { collect, twoFounders } from './two-founders';

beforeEach(() => {
  freshIndexedDb();
});

const IDEA = catalogue.ideas.find((idea) => idea.kind === 'exchange')!.id;

async function setUp() {
  const { device, env, workspace, fatima, jean } = await twoFounders(IDEA);
  const services = linksServices({
    perimeterId: workspace.id,
    device,
    env,
    http: 'http://127.0.0.1:9',
    workspace: async () => workspace,
    report: () => undefined,
  });
  const choiceOf = (owner: string, other: string) =>
    workspace.doc.map('choices').get(`${owner}/${other}/${IDEA}`) as Choice | undefined;
  return { device, workspace, services, fatima, jean, choiceOf };
}

const stateWith = (neighbours: RankedNeighbour[] | undefined, otherId: string) =>
  neighbours?.find((n) => n.otherId === otherId)?.links[0]?.state;

describe('the links screens’ services', () => {
  it('the neighbours’ list follows each choice, recorded as the facilitator’s on a tablet', async () => {
    const { services, fatima, jean, choiceOf } = await setUp();
    const list = collect(services.queries.neighbours(fatima));
    await vi.waitFor(() => expect(stateWith(list.values.at(-1), jean)).toBe('none'));

    must(await services.commands.chooseLink(fatima, jean, IDEA, 'yes'));
    expect(choiceOf(fatima, jean)).toMatchObject({ value: 'yes', by: 'facilitator' });
    await vi.waitFor(() => expect(stateWith(list.values.at(-1), jean)).toBe('waiting-for-them'));

    must(await services.commands.chooseLink(jean, fatima, IDEA, 'yes'));
    await vi.waitFor(() => expect(stateWith(list.values.at(-1), jean)).toBe('linked'));
    list.stop();
  });

  it('on the household’s own phone, its choice is recorded as the household’s', async () => {
    const { device, workspace, services, fatima, jean, choiceOf } = await setUp();
    await device.access.put({
      perimeterId: workspace.id,
      role: 'household',
      token: 'not-used-here',
      householdId: fatima,
      joinedAt: '2026-11-21T14:00:00.000Z',
    });
    must(await services.commands.chooseLink(fatima, jean, IDEA, 'yes'));
    expect(choiceOf(fatima, jean)).toMatchObject({ value: 'yes', by: 'household' });
  });

  it('counts the requests received since the household last opened its neighbours here', async () => {
    const { services, fatima, jean } = await setUp();
    const count = collect(services.queries.newRequests(jean));
    await vi.waitFor(() => expect(count.values.at(-1)).toBe(0));

    must(await services.commands.chooseLink(fatima, jean, IDEA, 'yes'));
    await vi.waitFor(() => expect(count.values.at(-1)).toBe(1));

    await services.commands.visitedNeighbours(jean);
    await vi.waitFor(() => expect(count.values.at(-1)).toBe(0));
    count.stop();
  });

  it('says why a neighbour’s details are not shown, from the device alone', async () => {
    const { services, fatima, jean } = await setUp();
    const lookup = collect(services.queries.neighbourContact(fatima, jean));
    await vi.waitFor(() => expect(lookup.values.at(-1)).toEqual({ state: 'not-linked' }));
    must(await services.commands.chooseLink(fatima, jean, IDEA, 'yes'));
    must(await services.commands.chooseLink(jean, fatima, IDEA, 'yes'));
    // The founders never consented to share their details (no sign-up form).
    await vi.waitFor(() => expect(lookup.values.at(-1)).toEqual({ state: 'no-consent' }));
    lookup.stop();
  });
});
