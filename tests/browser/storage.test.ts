import { describe, expect, it } from 'vitest';
import { scanOrder } from '../../src/domain';
import { openDeviceDb } from '../../src/storage/device-db';
import { PerimeterWorkspace } from '../../src/workspace/perimeter-workspace';
import { testEnv } from '../fixtures/env';
import { catalogue } from '../fixtures/memory-perimeter';
import { createdWorkspace, deps, dumpReadModel, must, signUpInput } from '../fixtures/workspace';

const order = scanOrder(catalogue.themes, catalogue.ideas, new Set());

describe('storage in a real browser (Chromium IndexedDB, strict durability)', () => {
  it('writes answers durably and finds them again after reopening', async () => {
    const env = testEnv();
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const { workspace, founderIds } = await createdWorkspace(env, device);
    const sessionId = must(
      await workspace.openSession({
        date: '2026-11-21',
        place: 'Square',
        kind: 'aperitif',
        present: founderIds,
      }),
    );
    const householdId = must(await workspace.signUp(sessionId, signUpInput('Yasmina', [founderIds[1]!])));
    for (let i = 0; i < 40; i++) {
      const value = order[i]!.idea.kind === 'collective' ? 'join' : 'offer';
      must(await workspace.answer(householdId, order[i]!.idea.id, value, order[i + 1]?.idea.id));
    }
    await workspace.readModel.settled();
    const before = await dumpReadModel(workspace.readModel.db);
    await workspace.close();

    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env, device));
    await reopened.settled();
    expect([...reopened.doc.entries('answers')].filter(([key]) => key.startsWith(householdId))).toHaveLength(
      40,
    );
    expect(await dumpReadModel(reopened.readModel.db)).toEqual(before);
    expect(await device.scans.get(householdId)).toMatchObject({ ideaId: order[40]!.idea.id });
    await reopened.close();
  });
});
