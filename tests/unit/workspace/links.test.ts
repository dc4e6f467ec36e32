/**
 * Links on one device (fake-indexeddb): the chooseLink command through the workspace, durable
 * before it resolves, and the links screens' reads from the document in memory following every
 * change, a neighbour's choice merged from another device included.
 */
import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { choiceKey } from '../../../src/domain';
import { PerimeterWorkspace } from '../../../src/workspace/perimeter-workspace';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { createdWorkspace, must } from '../../fixtures/workspace';

beforeEach(() => {
  freshIndexedDb();
});

async function twoFounders() {
  const env = testEnv();
  const { workspace, founderIds, deps } = await createdWorkspace(env);
  const [fatima, jean] = founderIds as [string, string];
  must(await workspace.answer(fatima, 'pret-perceuse', 'seek', undefined));
  must(await workspace.answer(jean, 'pret-perceuse', 'offer', undefined));
  must(await workspace.answer(jean, 'pret-echelle', 'seek', undefined));
  return { workspace, fatima, jean, deps };
}

describe('links through the workspace', () => {
  it('lists a household’s candidate links with their states, and records choices durably', async () => {
    const { workspace, fatima, jean, deps } = await twoFounders();
    expect(workspace.links.neighbours(fatima)).toMatchObject([
      {
        otherId: jean,
        links: [{ ideaId: 'pret-perceuse', directions: ['offers-what-you-seek'], state: 'none' }],
      },
    ]);
    must(
      await workspace.chooseLink({
        by: 'household',
        householdId: fatima,
        otherId: jean,
        ideaId: 'pret-perceuse',
        value: 'yes',
      }),
    );
    expect(workspace.links.neighbours(fatima)[0]?.links[0]?.state).toBe('waiting-for-them');
    expect(workspace.links.neighbours(jean)[0]?.links[0]).toMatchObject({
      state: 'waiting-for-you',
      directions: ['seeks-what-you-offer'],
    });
    expect(workspace.links.newRequests(jean, undefined)).toBe(1);

    // Durable: a reopened workspace reads the choice from disk.
    await workspace.close();
    const reopened = await PerimeterWorkspace.open(workspace.id, deps);
    expect(reopened.links.neighbours(fatima)[0]?.links[0]?.state).toBe('waiting-for-them');
    must(
      await reopened.chooseLink({
        by: 'facilitator',
        householdId: jean,
        otherId: fatima,
        ideaId: 'pret-perceuse',
        value: 'yes',
      }),
    );
    expect(reopened.links.neighbours(fatima)[0]?.links[0]?.state).toBe('linked');
    expect(reopened.links.newRequests(jean, undefined)).toBe(0);
    await reopened.close();
  });

  it('refuses a link that is not a match, and a household with itself', async () => {
    const { workspace, fatima, jean } = await twoFounders();
    const refused = await workspace.chooseLink({
      by: 'household',
      householdId: fatima,
      otherId: jean,
      ideaId: 'pret-echelle',
      value: 'yes',
    });
    expect(refused).toEqual({ ok: false, errors: [{ field: 'ideaId', code: 'link-not-a-match' }] });
    const self = await workspace.chooseLink({
      by: 'household',
      householdId: fatima,
      otherId: fatima,
      ideaId: 'pret-perceuse',
      value: 'yes',
    });
    expect(self).toEqual({ ok: false, errors: [{ field: 'otherId', code: 'link-self' }] });
    expect([...workspace.doc.map('choices').keys()]).toEqual([]);
    await workspace.close();
  });

  it('follows a neighbour’s choice merged from another device, and a withdrawal stops the link', async () => {
    const { workspace, fatima, jean } = await twoFounders();
    must(
      await workspace.chooseLink({
        by: 'household',
        householdId: fatima,
        otherId: jean,
        ideaId: 'pret-perceuse',
        value: 'yes',
      }),
    );
    expect(workspace.links.neighbours(fatima)[0]?.links[0]?.state).toBe('waiting-for-them');
    const remote = new Y.Doc();
    Y.applyUpdate(remote, workspace.snapshot());
    const say = (value: 'yes' | 'withdrawn', at: string) => {
      remote.getMap('choices').set(choiceKey(jean, fatima, 'pret-perceuse'), { value, at, by: 'household' });
      return workspace.merge(Y.encodeStateAsUpdate(remote));
    };
    must(await say('yes', '2026-11-22T10:00:00.000Z'));
    expect(workspace.links.neighbours(fatima)[0]?.links[0]?.state).toBe('linked');
    must(await say('withdrawn', '2026-11-22T11:00:00.000Z'));
    expect(workspace.links.neighbours(fatima)[0]?.links[0]?.state).toBe('withdrawn');
    await workspace.close();
  });

  it('shows a collective group once the perimeter’s threshold is reached', async () => {
    const { workspace, fatima, jean } = await twoFounders();
    must(await workspace.answer(fatima, 'pret-placard-partage', 'join', undefined));
    must(await workspace.answer(jean, 'pret-placard-partage', 'join', undefined));
    const groups = () => workspace.links.perimeter().flatMap((theme) => theme.groups);
    expect(groups()).toEqual([]);
    expect(await workspace.setGroupThreshold(1)).toEqual({
      ok: false,
      errors: [{ field: 'groupThreshold', code: 'group-threshold-range' }],
    });
    must(await workspace.setGroupThreshold(2));
    expect(groups()).toEqual([{ ideaId: 'pret-placard-partage', members: [fatima, jean].sort() }]);
    expect(workspace.links.neighbours(fatima)[0]?.links.map((l) => l.ideaId)).toEqual([
      'pret-perceuse',
      'pret-placard-partage',
    ]);
    await workspace.close();
  });
});
