import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_FORMAT_VERSION, FORMAT_VERSION_KEY, scanOrder } from '../../../src/domain';
import { LocalDocStore } from '../../../src/sync/local-doc-store';
import { PerimeterRuntime } from '../../../src/workspace/perimeter-runtime';
import { PerimeterWorkspace, docName } from '../../../src/workspace/perimeter-workspace';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { createdWorkspace, deps, must } from '../../fixtures/workspace';

const order = scanOrder(catalogue.themes, catalogue.ideas, new Set());
const outdated = { ok: false, errors: [{ field: '', code: 'app-outdated' }] };
/** No server is ever reached: these devices have no access row. */
const nowhere = { sync: 'ws://127.0.0.1:9/sync', http: 'http://127.0.0.1:9' };
const failOnReport = (task: string, error: unknown) => {
  throw new Error(`unexpected ${task} failure: ${String(error)}`);
};

beforeEach(() => {
  freshIndexedDb();
});

/** Writes into the stored document of `perimeterId` as another app would, outside any workspace. */
async function writeStored(perimeterId: string, write: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  const store = await LocalDocStore.open(docName(perimeterId), doc, failOnReport);
  await store.commit(() => doc.transact(() => write(doc), store.origin));
  await store.close();
}

describe('a document of a newer format', () => {
  it('is neither projected nor written into when it is already on this device', async () => {
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env);
    const householdId = founderIds[0]!;
    await workspace.close();
    await workspace.readModel.db.delete();
    await writeStored(workspace.id, (doc) => {
      doc.getMap('meta').set(FORMAT_VERSION_KEY, DOC_FORMAT_VERSION + 1);
      doc.getMap('answers').set(`${householdId}/${order[0]!.idea.id}`, { value: 'offer', at: env.now() });
    });

    const d = deps(env);
    const reopened = await PerimeterWorkspace.open(workspace.id, d);
    expect(await reopened.answer(householdId, order[1]!.idea.id, 'seek', order[2]!.idea.id)).toEqual(
      outdated,
    );
    expect(await reopened.retireIdea(order[3]!.idea.id, true)).toEqual(outdated);
    expect(await d.device.scans.get(householdId)).toBeUndefined();
    expect(await reopened.readModel.db.householdAnswers.count()).toBe(0);
    expect(await reopened.readModel.db.households.count()).toBe(0);
    await reopened.close();

    const runtime = new PerimeterRuntime(workspace.id, d, nowhere);
    await expect.poll(() => runtime.status.get().problem).toBe('app-outdated');
    await runtime.close();
  });

  it('stops this app when its stamp arrives while the document is open', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps: d } = await createdWorkspace(env);
    await workspace.close();
    const runtime = new PerimeterRuntime(workspace.id, d, nowhere);
    const open = await runtime.workspace();
    await expect.poll(() => runtime.status.get().mode).toBe('local');

    // As the server's provider or another tab would apply it: not through this app's commands.
    const newer = new Y.Doc();
    Y.applyUpdate(newer, Y.encodeStateAsUpdate(open.doc.doc));
    newer.transact(() => {
      newer.getMap('meta').set(FORMAT_VERSION_KEY, DOC_FORMAT_VERSION + 1);
      newer.getMap('profiles').set('newcomer', { shape: 'unknown to this app' });
    });
    Y.applyUpdate(open.doc.doc, Y.encodeStateAsUpdate(newer), 'elsewhere');

    await expect.poll(() => runtime.status.get().problem).toBe('app-outdated');
    expect(await open.answer(founderIds[0]!, order[0]!.idea.id, 'offer', undefined)).toEqual(outdated);
    await open.readModel.settled();
    expect(await open.readModel.db.households.get('newcomer')).toBeUndefined();
    await runtime.close();
  });

  it('is refused when an export file brings it, and this device keeps its own', async () => {
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env);
    const newer = new Y.Doc();
    Y.applyUpdate(newer, workspace.snapshot());
    newer.getMap('meta').set(FORMAT_VERSION_KEY, DOC_FORMAT_VERSION + 1);
    expect(await workspace.merge(Y.encodeStateAsUpdate(newer))).toEqual(outdated);
    expect(workspace.doc.readable()).toBe(true);
    must(await workspace.answer(founderIds[0]!, order[0]!.idea.id, 'offer', order[1]!.idea.id));
    await workspace.close();
  });
});

describe('a document without a stamp', () => {
  it('is read as version 1 and takes commands', async () => {
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env);
    const householdId = founderIds[0]!;
    await workspace.close();
    await workspace.readModel.db.delete();
    // A document from before stamps: the same records, without the key.
    await writeStored(workspace.id, (doc) => doc.getMap('meta').delete(FORMAT_VERSION_KEY));

    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env));
    expect(reopened.doc.doc.getMap('meta').has(FORMAT_VERSION_KEY)).toBe(false);
    expect(reopened.doc.readable()).toBe(true);
    must(await reopened.answer(householdId, order[0]!.idea.id, 'offer', order[1]!.idea.id));
    await reopened.settled();
    expect(await reopened.readModel.db.households.count()).toBe(2);
    await reopened.close();
  });
});
