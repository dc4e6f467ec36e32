/**
 * Keeps a perimeter's document in this device's IndexedDB with y-indexeddb, and makes local
 * changes durable before the UI moves on.
 *
 * y-indexeddb stores each update in a fire-and-forget transaction with the browser's default
 * durability and swallows write errors. For a resident's answer that is not enough, so local
 * changes carry the persistence as their origin (y-indexeddb then skips them) and are written here
 * in a `strict` transaction whose completion we await and whose failure we report. Updates from
 * elsewhere (a sync provider) still go through y-indexeddb's own path.
 *
 * What must stay true: the stored log can always be replayed. Yjs updates build on each other, so
 * after a failed write the next write stores the whole document state, never an increment that
 * would depend on the lost one; and writes are serialized so a later increment cannot land before
 * an earlier one failed.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
import type { ReportError } from '../domain/device-errors';

const UPDATES_STORE = 'updates';

export class LocalDocStore {
  private queue: Promise<unknown> = Promise.resolve();
  private mustStoreWholeState = false;
  private closing = false;

  private constructor(
    readonly doc: Y.Doc,
    private readonly persistence: IndexeddbPersistence,
    private readonly report: ReportError,
  ) {}

  /**
   * Opens the document stored under `name`, resolved once everything stored was loaded. `report`
   * hears of the failures of background work (compaction), which no caller waits for.
   */
  static async open(name: string, doc: Y.Doc, report: ReportError): Promise<LocalDocStore> {
    const persistence = new IndexeddbPersistence(name, doc);
    await persistence.whenSynced;
    return new LocalDocStore(doc, persistence, report);
  }

  /** The origin that marks a transaction as a local change, to be committed through this store. */
  get origin(): unknown {
    return this.persistence;
  }

  /**
   * Runs `change` (which must transact with `origin`) and resolves once what it changed is durable
   * on disk. Rejects, with the browser's error, if the write failed; the change then stays in
   * memory and is stored with the next successful commit.
   */
  commit(change: () => void): Promise<void> {
    // Once closing, the document is being left (or rebuilt after a refusal, from what it holds then):
    // a change applied to it now would outlive the failure reported for it.
    if (this.closing) return Promise.reject(new Error('local document store is closed'));
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === this.persistence) updates.push(update);
    };
    this.doc.on('update', capture);
    try {
      change();
    } finally {
      this.doc.off('update', capture);
    }
    if (updates.length === 0) return this.queue.then(() => undefined);
    const increment = Y.mergeUpdates(updates);
    const write = this.queue.then(() => this.write(increment));
    // Not swallowed: `write` carries the failure to the committer; the queue goes on.
    this.queue = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every commit made so far has been written or has failed; never rejects. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /**
   * Rewrites the stored log as one entry holding the document's current state and deletes every
   * older entry, in one strict transaction, after the commits queued so far. For an erasure (GDPR
   * art. 17, workspace/erasure.ts): y-indexeddb keeps every update it stored until its own trim,
   * and those entries still hold the erased values, where the current state, garbage-collected by
   * Yjs, holds none. y-indexeddb's `storeState` does the same but resolves before its writes do,
   * so it cannot tell the caller when the old entries are gone. Rejects with the browser's error;
   * the old entries then stay until the next compaction.
   */
  compact(): Promise<void> {
    if (this.closing) return Promise.reject(new Error('local document store is closed'));
    const run = this.queue.then(async () => {
      await replaceStrict(this.database(), Y.encodeStateAsUpdate(this.doc));
      this.persistence._dbsize = 1;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(increment: Uint8Array): Promise<void> {
    const wholeState = this.mustStoreWholeState;
    const bytes = wholeState ? Y.encodeStateAsUpdate(this.doc) : increment;
    try {
      await addStrict(this.database(), bytes);
    } catch (error) {
      this.mustStoreWholeState = true;
      throw error;
    }
    if (wholeState) this.mustStoreWholeState = false;
    // y-indexeddb compacts its log once it grows past PREFERRED_TRIM_SIZE; our writes count too.
    // The compaction stores the merged document first, so it never needs to hold up an answer.
    if (++this.persistence._dbsize >= PREFERRED_TRIM_SIZE)
      void storeState(this.persistence, false).catch((error: unknown) =>
        this.report('document-compaction', error),
      );
  }

  private database(): IDBDatabase {
    const db = this.persistence.db;
    if (!db) throw new Error('local document store is closed');
    return db;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue;
    await this.persistence.destroy();
  }
}

function addStrict(db: IDBDatabase, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([UPDATES_STORE], 'readwrite', { durability: 'strict' });
    tx.objectStore(UPDATES_STORE).add(bytes);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new DOMException('IndexedDB write aborted', 'AbortError'));
  });
}

/** Adds `bytes` to the updates store and deletes every entry before it, in one strict transaction. */
function replaceStrict(db: IDBDatabase, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([UPDATES_STORE], 'readwrite', { durability: 'strict' });
    const updates = tx.objectStore(UPDATES_STORE);
    const added = updates.add(bytes);
    added.onsuccess = () => updates.delete(IDBKeyRange.upperBound(added.result, true));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new DOMException('IndexedDB write aborted', 'AbortError'));
  });
}
