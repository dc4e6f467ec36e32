import { IDBDatabase as FakeIDBDatabase } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scanOrder } from '../../../src/domain';
import { openDeviceDb } from '../../../src/storage/device-db';
import { perimeterQueries } from '../../../src/storage/queries';
import { LocalDocStore } from '../../../src/sync/local-doc-store';
import { PerimeterWorkspace, docName } from '../../../src/workspace/perimeter-workspace';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { createdWorkspace, deps, dumpReadModel, must, signUpInput } from '../../fixtures/workspace';

const order = scanOrder(catalogue.themes, catalogue.ideas, new Set());

beforeEach(() => {
  freshIndexedDb();
});

/** A café afternoon: a session, three households, each answering `perHousehold` ideas in order. */
async function cafe(workspace: PerimeterWorkspace, founderIds: string[], perHousehold: number) {
  const sessionId = must(
    await workspace.openSession({
      date: '2026-11-21',
      place: 'Café du coin',
      kind: 'cafe',
      present: founderIds,
    }),
  );
  const households: string[] = [];
  for (const name of ['Léa', 'Omar', 'Mireille']) {
    const householdId = must(await workspace.signUp(sessionId, signUpInput(name, [founderIds[0]!])));
    households.push(householdId);
    for (let i = 0; i < perHousehold; i++) {
      const value =
        order[i]!.idea.kind === 'collective' ? 'join' : (['offer', 'seek', 'both', 'no'] as const)[i % 4]!;
      must(await workspace.answer(householdId, order[i]!.idea.id, value, order[i + 1]?.idea.id));
    }
  }
  return { sessionId, households };
}

describe('the perimeter workspace on IndexedDB', () => {
  it('keeps every answer, profile and scan position when the database is reopened', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const { households } = await cafe(workspace, founderIds, 30);
    await workspace.close();
    d.device.close();

    const device = openDeviceDb();
    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env, device));
    for (const householdId of households) {
      expect(reopened.doc.household(householdId)?.name).toBeDefined();
      const answers = [...reopened.doc.entries('answers')].filter(([key]) =>
        key.startsWith(`${householdId}/`),
      );
      expect(answers).toHaveLength(30);
      const row = await reopened.readModel.db.householdAnswers.get(householdId);
      expect(Object.keys(row?.answers ?? {})).toHaveLength(30);
      expect(await device.scans.get(householdId)).toMatchObject({
        ideaId: order[30]!.idea.id,
        finishedAt: null,
      });
    }
    expect(await device.contacts.get(households[0]!)).toMatchObject({ phone: '0612345678' });
    expect(reopened.doc.doc.store.pendingStructs).toBeNull();
    await reopened.close();
  });

  it('rebuilds a read model identical to the one kept up to date change by change', async () => {
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env);
    const { sessionId, households } = await cafe(workspace, founderIds, 12);
    must(await workspace.answer(households[0]!, order[0]!.idea.id, 'both', order[1]!.idea.id));
    must(
      await workspace.addLocalIdea({ theme: 'jardin', kind: 'collective', title: 'Bac à compost', hint: '' }),
    );
    must(await workspace.retireIdea(order[3]!.idea.id, true));
    must(await workspace.closeSession(sessionId));
    await workspace.readModel.settled();
    const incremental = await dumpReadModel(workspace.readModel.db);
    expect(incremental.answers).toHaveLength(36);
    expect(incremental.answers).toContainEqual({
      householdId: households[0],
      ideaId: order[0]!.idea.id,
      value: 'both',
    });

    await workspace.readModel.rebuild();
    expect(await dumpReadModel(workspace.readModel.db)).toEqual(incremental);

    await workspace.close();
    await workspace.readModel.db.delete();
    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env));
    await reopened.settled();
    expect(await dumpReadModel(reopened.readModel.db)).toEqual(incremental);
    await reopened.close();
  });

  it('rebuilds the same read model after taps whose projections trail their answers', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const { households } = await cafe(workspace, founderIds, 3);
    // Taps in a burst, none waiting for the one before: each answer is durable when it resolves,
    // its projection and its scan move follow behind, queued in order.
    const taps = households.flatMap((householdId, h) =>
      order
        .slice(0, 6)
        .map((item, i) =>
          workspace.answer(
            householdId,
            item.idea.id,
            item.idea.kind === 'collective'
              ? 'join'
              : (['offer', 'seek', 'both', 'no'] as const)[(i + h) % 4]!,
            order[i + 1]?.idea.id,
          ),
        ),
    );
    for (const result of await Promise.all(taps)) must(result);
    await workspace.settled();
    const incremental = await dumpReadModel(workspace.readModel.db);
    expect(incremental.answers).toHaveLength(3 * 6);
    for (const householdId of households)
      expect(await d.device.scans.get(householdId)).toMatchObject({ ideaId: order[6]!.idea.id });

    await workspace.readModel.rebuild();
    expect(await dumpReadModel(workspace.readModel.db)).toEqual(incremental);
    await workspace.close();
  });

  it('gives the same matches from the document in memory as from the read model on disk', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const { households } = await cafe(workspace, founderIds, 12);
    const fromDisk = perimeterQueries(workspace.id, workspace.readModel.db, d.device, async () => catalogue);
    const everyone = [...households, founderIds[0]!];
    const same = async () => {
      // The read model follows each answer once it is durable: compare once it has.
      await workspace.settled();
      for (const householdId of everyone) {
        expect(workspace.summary(householdId)).toEqual(await fromDisk.summary(householdId));
      }
    };
    await same();
    expect(workspace.summary(households[0]!)?.offers.length).toBeGreaterThan(0);
    // The index built by the first summaries now follows the changes.
    must(await workspace.answer(households[1]!, order[0]!.idea.id, 'seek', order[1]!.idea.id));
    must(await workspace.answer(founderIds[0]!, order[2]!.idea.id, 'offer', order[3]!.idea.id));
    await same();
    await workspace.close();
  });

  it('notices a read model that lags behind the document and rebuilds it at the next start', async () => {
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env);
    await workspace.close();

    const ydoc = new Y.Doc();
    const store = await LocalDocStore.open(docName(workspace.id), ydoc, (task, error) => {
      throw new Error(`unexpected ${task} failure: ${String(error)}`);
    });
    await store.commit(() =>
      ydoc.transact(
        () =>
          ydoc.getMap('answers').set(`${founderIds[0]}/${order[0]!.idea.id}`, {
            value: 'offer',
            at: env.now(),
          }),
        store.origin,
      ),
    );
    await store.close();

    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env));
    // The document is ready at once; the read model catches up behind it.
    await reopened.settled();
    expect(await reopened.readModel.db.householdAnswers.get(founderIds[0]!)).toEqual({
      householdId: founderIds[0],
      answers: { [order[0]!.idea.id]: 'offer' },
    });
    expect(await reopened.readModel.catchUp()).toBe('current');
    await reopened.close();
  });
});

/**
 * Makes the next `times` transactions on the shared document's update store (y-indexeddb's
 * `updates`) throw, as a full disk does; the device database is left alone. Returns the undo.
 */
function failDocumentWrites(
  times: number,
  error = new DOMException('The disk is full', 'QuotaExceededError'),
) {
  const transaction = FakeIDBDatabase.prototype.transaction;
  let failures = times;
  FakeIDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<typeof transaction>
  ) {
    if (failures > 0 && [args[0]].flat().includes('updates')) {
      failures--;
      throw error;
    }
    return transaction.apply(this, args);
  } as typeof transaction;
  return () => {
    FakeIDBDatabase.prototype.transaction = transaction;
  };
}

describe('what a scan has seen', () => {
  it('records each idea left, answered or skipped, and is finished only when told so', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const householdId = founderIds[0]!;
    const [first, second, third] = order.map((item) => item.idea.id);
    must(await workspace.answer(householdId, first!, 'offer', second));
    // "Passer ce thème" past the last theme, with ideas never seen: the place is kept on one of them.
    must(await workspace.moveScan(householdId, third, second));
    expect(await d.device.scans.get(householdId)).toMatchObject({
      ideaId: third,
      finishedAt: null,
      seen: [first, second],
    });
    must(await workspace.moveScan(householdId, undefined, third));
    const finished = await d.device.scans.get(householdId);
    expect(finished).toMatchObject({ ideaId: undefined, seen: [first, second, third] });
    expect(finished?.finishedAt).toEqual(expect.any(String));
    // Seeing one idea again, from the summary, keeps the scan finished and its finishing time.
    must(await workspace.answer(householdId, second!, 'seek', undefined));
    await workspace.settled();
    expect(await d.device.scans.get(householdId)).toMatchObject({ finishedAt: finished?.finishedAt });
    await workspace.close();
  });
});

describe('a pointer never runs ahead of its data', () => {
  it('leaves the scan cursor on the idea whose answer could not be stored', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const householdId = founderIds[0]!;
    must(await workspace.answer(householdId, order[0]!.idea.id, 'offer', order[1]!.idea.id));
    await workspace.settled();
    const before = await d.device.scans.get(householdId);

    const restore = failDocumentWrites(1);
    try {
      const refused = await workspace.answer(householdId, order[1]!.idea.id, 'seek', order[2]!.idea.id);
      expect(refused.ok).toBe(false);
    } finally {
      restore();
    }
    expect(await d.device.scans.get(householdId)).toEqual(before);
    expect(before).toMatchObject({ ideaId: order[1]!.idea.id, finishedAt: null });
    await workspace.close();
  });

  it('does not mark a scan finished when its last answer could not be stored', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const householdId = founderIds[0]!;
    const restore = failDocumentWrites(1);
    try {
      expect((await workspace.answer(householdId, order[0]!.idea.id, 'offer', undefined)).ok).toBe(false);
    } finally {
      restore();
    }
    expect(await d.device.scans.get(householdId)).toBeUndefined();
    await workspace.close();
  });

  it('lists no scan, and keeps no contact, for a sign-up the shared document could not store', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const sessionId = must(
      await workspace.openSession({ date: '2026-11-21', place: 'Café', kind: 'cafe', present: founderIds }),
    );
    const restore = failDocumentWrites(1);
    try {
      expect((await workspace.signUp(sessionId, signUpInput('Léa', [founderIds[0]!]))).ok).toBe(false);
    } finally {
      restore();
    }
    expect(await d.device.scans.count()).toBe(0);
    expect(await d.device.contacts.count()).toBe(0);
    await workspace.close();
  });

  it('keeps a stored sign-up when only its scan row fails, and logs it: a retry would sign up twice', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    const sessionId = must(
      await workspace.openSession({ date: '2026-11-21', place: 'Café', kind: 'cafe', present: founderIds }),
    );
    // Dexie's own hook: the device database's writes do not go through the patched prototype.
    const full = () => {
      throw new DOMException('The disk is full', 'QuotaExceededError');
    };
    d.device.scans.hook('creating', full);
    let householdId: string;
    try {
      householdId = must(await workspace.signUp(sessionId, signUpInput('Léa', [founderIds[0]!])));
    } finally {
      d.device.scans.hook('creating').unsubscribe(full);
    }
    expect(workspace.doc.household(householdId)?.name).toBe('Léa');
    expect(await d.device.scans.get(householdId)).toBeUndefined();
    await expect
      .poll(() => d.device.errors.toArray())
      .toEqual([expect.objectContaining({ task: 'scan-start', kind: 'QuotaExceededError' })]);
    await workspace.close();
  });

  it('rebuilds at the next start a read model whose state vector is ahead of the stored document', async () => {
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env);
    const householdId = founderIds[0]!;
    // The answer reaches the document in memory and its projection, but never the disk.
    const restore = failDocumentWrites(1);
    try {
      await workspace.answer(householdId, order[0]!.idea.id, 'offer', order[1]!.idea.id);
    } finally {
      restore();
    }
    await workspace.readModel.settled();
    expect(await workspace.readModel.db.householdAnswers.count()).toBe(1);
    await workspace.close();

    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env));
    await reopened.settled();
    expect(reopened.doc.get('answers', `${householdId}/${order[0]!.idea.id}`)).toBeUndefined();
    expect(await reopened.readModel.db.householdAnswers.count()).toBe(0);
    await reopened.close();
  });
});

describe('a failed write', () => {
  it('reports a full disk, keeps what was saved, and stores the answer when tried again', async () => {
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env);
    const householdId = founderIds[0]!;
    must(await workspace.answer(householdId, order[0]!.idea.id, 'offer', order[1]!.idea.id));

    const transaction = FakeIDBDatabase.prototype.transaction;
    let failures = 1;
    FakeIDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<typeof transaction>
    ) {
      if (failures > 0 && [args[0]].flat().includes('updates')) {
        failures--;
        throw new DOMException('The disk is full', 'QuotaExceededError');
      }
      return transaction.apply(this, args);
    } as typeof transaction;
    try {
      const refused = await workspace.answer(householdId, order[1]!.idea.id, 'seek', order[2]!.idea.id);
      expect(refused).toEqual({ ok: false, errors: [{ field: '', code: 'storage-full' }] });
      must(await workspace.answer(householdId, order[1]!.idea.id, 'both', order[2]!.idea.id));
      must(await workspace.answer(householdId, order[2]!.idea.id, 'no', order[3]!.idea.id));
    } finally {
      FakeIDBDatabase.prototype.transaction = transaction;
    }
    await workspace.close();

    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env));
    expect(reopened.doc.doc.store.pendingStructs).toBeNull();
    const answers = Object.fromEntries(reopened.doc.entries('answers'));
    expect(answers[`${householdId}/${order[0]!.idea.id}`]?.value).toBe('offer');
    expect(answers[`${householdId}/${order[1]!.idea.id}`]?.value).toBe('both');
    expect(answers[`${householdId}/${order[2]!.idea.id}`]?.value).toBe('no');
    await reopened.close();
  });
});
