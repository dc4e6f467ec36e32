/**
 * y-indexeddb behaviour that src/sync/local-doc-store.ts relies on beyond the package's documented
 * API: its `_dbsize` counter, the name and shape of its log store, its origin check and its
 * compaction. One test per assumption, named for it, so that an upgrade that changes one fails
 * here, by name, rather than as a lost answer on a device.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
import * as Y from 'yjs';
import { freshIndexedDb } from '../fixtures/fresh-indexeddb';

/** The object store y-indexeddb keeps its update log in (local-doc-store.ts writes there too). */
const UPDATES_STORE = 'updates';

beforeEach(() => {
  freshIndexedDb();
});

/** Opens y-indexeddb's database `name` on a new document, resolved once its log was replayed. */
async function open(name: string, doc = new Y.Doc()): Promise<IndexeddbPersistence> {
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  return persistence;
}

/** Rows in the log, counted with IndexedDB itself rather than through y-indexeddb. */
function rows(persistence: IndexeddbPersistence): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = persistence.db!.transaction([UPDATES_STORE]).objectStore(UPDATES_STORE).count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('count failed'));
  });
}

/**
 * Waits until `_dbsize` agrees with the log. y-indexeddb emits `synced` before it has counted the
 * log; the count lands a moment later and overwrites whatever was added to `_dbsize` meanwhile.
 */
async function counted(persistence: IndexeddbPersistence): Promise<void> {
  await expect.poll(async () => (await rows(persistence)) - persistence._dbsize).toBe(0);
}

/** Adds `updates` to the log in one transaction, as local-doc-store.ts adds a committed change. */
function append(persistence: IndexeddbPersistence, updates: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = persistence.db!.transaction([UPDATES_STORE], 'readwrite');
    for (const update of updates) tx.objectStore(UPDATES_STORE).add(update);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('add failed'));
  });
}

/** `count` changes made with `origin`, each with the update it produced. */
function changes(doc: Y.Doc, count: number, origin: unknown): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  doc.on('update', capture);
  for (let i = 0; i < count; i++) doc.transact(() => doc.getMap('answers').set(`idea-${i}`, i), origin);
  doc.off('update', capture);
  return updates;
}

describe('y-indexeddb private API', () => {
  it('_dbsize counts the rows of the update log shortly after whenSynced, and each of y-indexeddb’s own writes adds one', async () => {
    const persistence = await open('dbsize');
    await counted(persistence);
    const size = persistence._dbsize;
    expect(size).toBeGreaterThan(0);

    changes(persistence.doc, 3, 'elsewhere');
    expect(persistence._dbsize).toBe(size + 3);
    // Each write is a transaction of its own that nobody awaits.
    await expect.poll(() => rows(persistence)).toBe(size + 3);
    await persistence.destroy();
  });

  it('skips an update whose origin is the persistence itself, leaving its writing to local-doc-store', async () => {
    const persistence = await open('own-origin');
    const before = await rows(persistence);
    changes(persistence.doc, 2, persistence);
    // A change from elsewhere, written after ours would have been: once it is in, ours were skipped.
    changes(persistence.doc, 1, 'elsewhere');
    await expect.poll(() => rows(persistence)).toBe(before + 1);
    await persistence.destroy();
  });

  it('replays on open every row of the "updates" store, rows added by other code included', async () => {
    const persistence = await open('replay');
    await append(persistence, changes(new Y.Doc(), 3, null));
    await persistence.destroy();

    const reopened = await open('replay');
    expect(reopened.doc.getMap('answers').toJSON()).toEqual({ 'idea-0': 0, 'idea-1': 1, 'idea-2': 2 });
    await reopened.destroy();
  });

  it('storeState(persistence, false) leaves the log alone while _dbsize is under PREFERRED_TRIM_SIZE', async () => {
    const persistence = await open('under-trim');
    await counted(persistence);
    await append(persistence, changes(persistence.doc, 3, persistence));
    persistence._dbsize += 3;
    const before = await rows(persistence);
    await storeState(persistence, false);
    expect(await rows(persistence)).toBe(before);
    await persistence.destroy();
  });

  it('storeState(persistence, false) compacts the log into one row once _dbsize reaches PREFERRED_TRIM_SIZE, and resets _dbsize', async () => {
    const persistence = await open('compaction');
    await counted(persistence);
    // Rows written beside y-indexeddb and counted into _dbsize, as local-doc-store.ts does.
    await append(persistence, changes(persistence.doc, PREFERRED_TRIM_SIZE, persistence));
    persistence._dbsize += PREFERRED_TRIM_SIZE;
    expect(persistence._dbsize).toBe(await rows(persistence));

    await storeState(persistence, false);
    // The compaction's own writes are not awaited by storeState: wait for them.
    await expect.poll(() => rows(persistence)).toBe(1);
    await expect.poll(() => persistence._dbsize).toBe(1);
    await persistence.destroy();

    const reopened = await open('compaction');
    expect(Object.keys(reopened.doc.getMap('answers').toJSON())).toHaveLength(PREFERRED_TRIM_SIZE);
    await reopened.destroy();
  });
});
