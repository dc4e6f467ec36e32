/**
 * Changing a micro-project from the screens (workspace/cafe-services.ts updateProject,
 * setMembership; domain/cafe-project-edit.ts), over a real workspace on fake-indexeddb: the
 * facilitator changes the next step and its date and adds or removes participants, which the
 * participants' phones show; a date before today on the perimeter's calendar is refused at once
 * with the other points to fix, for a new project as for a change, and changes nothing; a date
 * already set and since passed does not stop another change; a household leaves a project itself.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cafeServices } from '../../../src/workspace/cafe-services';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { must } from '../../fixtures/workspace';
import { collect, twoFounders } from './two-founders';

beforeEach(() => {
  freshIndexedDb();
});

async function setUp() {
  const idea = catalogue.ideas.find((i) => i.kind === 'exchange')!;
  const { device, env, workspace, fatima, jean } = await twoFounders(idea.id);
  const services = cafeServices({
    perimeterId: workspace.id,
    device,
    env,
    workspace: async () => workspace,
    catalogue: async () => catalogue,
  });
  const today = env.now().slice(0, 10);
  const key = must(
    await services.commands.createProject(
      {
        ownerId: null,
        name: 'Grainothèque',
        ideaId: null,
        nextStep: 'Trouver une étagère',
        nextStepDate: null,
      },
      [fatima],
    ),
  );
  return { workspace, services, fatima, jean, key, today };
}

describe('changing a micro-project', () => {
  it('the facilitator changes the next step and its date, and adds and removes participants', async () => {
    const { services, fatima, jean, key } = await setUp();
    const jeans = collect(services.queries.householdCafe(jean));
    must(
      await services.commands.updateProject(key, {
        nextStep: 'Peindre l’étagère',
        nextStepDate: '2027-01-09',
      }),
    );
    must(await services.commands.setMembership(key, jean, true));
    await vi.waitFor(() =>
      expect(jeans.values.at(-1)?.projects).toEqual([
        expect.objectContaining({
          key,
          members: [fatima, jean].sort(),
          project: expect.objectContaining({
            name: 'Grainothèque',
            nextStep: 'Peindre l’étagère',
            nextStepDate: '2027-01-09',
          }),
        }),
      ]),
    );
    must(await services.commands.setMembership(key, fatima, false));
    await vi.waitFor(() => expect(jeans.values.at(-1)?.projects[0]?.members).toEqual([jean]));
    jeans.stop();
  });

  it('refuses a next-step date before today, with the other points to fix, and changes nothing', async () => {
    const { workspace, services, key } = await setUp();
    const before = workspace.doc.doc.getMap('projects').get(key);
    expect(await services.commands.updateProject(key, { nextStepDate: '2024-03-01' })).toEqual({
      ok: false,
      errors: [{ field: 'nextStepDate', code: 'date-past' }],
    });
    const both = await services.commands.updateProject(key, { name: '', nextStepDate: '2024-03-01' });
    expect(both.ok ? [] : both.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'name:required',
      'nextStepDate:date-past',
    ]);
    expect(workspace.doc.doc.getMap('projects').get(key)).toEqual(before);
    const started = await services.commands.createProject({
      ownerId: null,
      name: 'Boîte à dons',
      ideaId: null,
      nextStep: '',
      nextStepDate: '2024-03-01',
    });
    expect(started).toEqual({ ok: false, errors: [{ field: 'nextStepDate', code: 'date-past' }] });
  });

  it('takes today, and keeps a date already set when another field changes', async () => {
    const { workspace, services, key, today } = await setUp();
    must(await services.commands.updateProject(key, { nextStepDate: today }));
    // A date set earlier and passed since (written as it was then): the name can still change.
    const projects = workspace.doc.doc.getMap<{ nextStepDate: string | null }>('projects');
    workspace.doc.doc.transact(() =>
      projects.set(key, { ...projects.get(key)!, nextStepDate: '2024-03-01' }),
    );
    must(await services.commands.updateProject(key, { name: 'Grainothèque du square' }));
    expect(projects.get(key)).toEqual(
      expect.objectContaining({ name: 'Grainothèque du square', nextStepDate: '2024-03-01' }),
    );
  });

  it('a household leaves a project itself, from its phone', async () => {
    const { services, fatima, jean, key } = await setUp();
    must(await services.commands.setMembership(key, jean, true));
    const fatimas = collect(services.queries.householdCafe(fatima));
    await vi.waitFor(() =>
      expect(fatimas.values.at(-1)?.projects[0]?.members).toEqual([fatima, jean].sort()),
    );
    must(await services.commands.setMembership(key, fatima, false));
    await vi.waitFor(() => expect(fatimas.values.at(-1)?.projects).toEqual([]));
    fatimas.stop();
  });
});
