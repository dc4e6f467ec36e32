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
 *
 * The document is stored in generations (sync/doc-generations.ts): `compact` moves it to a new
 * database and deletes the older ones, so that after an erasure the erased values leave the
 * browser's files, not only its IndexedDB records. A start opens the newest whole generation.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
import type { ReportError } from '../domain/device-errors';
import {
  WHOLE_KEY,
  clearGenerations,
  generationName,
  newestWholeGeneration,
  purgeGenerations,
  storedGenerations,
} from './doc-generations';

const UPDATES_STORE = 'updates';
const CUSTOM_STORE = 'custom';

export class LocalDocStore {
  private queue: Promise<unknown> = Promise.resolve();
  private mustStoreWholeState = false;
  private closing = false;

  private constructor(
    private readonly name: string,
    private generation: number,
    readonly doc: Y.Doc,
    private persistence: IndexeddbPersistence,
    private readonly report: ReportError,
  ) {
    this.followDeletion();
  }

  /**
   * Opens the document stored under `name` (its newest whole generation), resolved once everything
   * stored was loaded. `report` hears of the failures of background work (compaction, the purge of
   * older generations a killed compaction left), which no caller waits for.
   */
  static async open(name: string, doc: Y.Doc, report: ReportError): Promise<LocalDocStore> {
    const generation = await newestWholeGeneration(name);
    const persistence = new IndexeddbPersistence(generationName(name, generation), doc);
    await persistence.whenSynced;
    const store = new LocalDocStore(name, generation, doc, persistence, report);
    const older = (await storedGenerations(name)).filter((stored) => stored < generation);
    void purgeGenerations(name, older).catch((error: unknown) => report('document-compaction', error));
    return store;
  }

  /**
   * Deletes every generation of the document stored under `name` (it is forgotten, or rebuilt from
   * the server's copy); the stores open on it are closed first, or the deletion waits for them.
   */
  static clear(name: string): Promise<void> {
    return clearGenerations(name);
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
   * Moves the document to a new generation holding only its current state, after the commits
   * queued so far, then deletes the older generations (sync/doc-generations.ts). For an erasure
   * (GDPR art. 17, workspace/erasure.ts): y-indexeddb keeps every update it stored until its own
   * trim, and those entries still hold the erased values, where the current state, garbage-collected
   * by Yjs, holds none; deleting their database is also what makes Chromium drop their bytes from
   * its files. Commits wait for the move only, not for the purge. Resolves once the older
   * generations are deleted; rejects with the browser's error, and the older generations then stay
   * until the next compaction or start.
   */
  compact(): Promise<void> {
    if (this.closing) return Promise.reject(new Error('local document store is closed'));
    const moved = this.queue.then(async () => {
      const stored = await storedGenerations(this.name);
      const next = Math.max(this.generation, ...stored) + 1;
      await this.moveTo(next, true);
      return stored.filter((generation) => generation < next);
    });
    this.queue = moved.catch(() => undefined);
    return moved.then((older) => purgeGenerations(this.name, older));
  }

  /**
   * Stores the document in `generation` and makes it this store's own: y-indexeddb, opened there,
   * adds the document's whole state; one strict transaction then replaces the log with it (and,
   * for a new generation, marks it whole), so the generation is durable before the old one closes.
   */
  private async moveTo(generation: number, markWhole: boolean): Promise<void> {
    const next = new IndexeddbPersistence(generationName(this.name, generation), this.doc);
    try {
      await next.whenSynced;
      if (!next.db) throw new Error('local document store is closed');
      await replaceStrict(next.db, Y.encodeStateAsUpdate(this.doc), markWhole);
    } catch (error) {
      // The document stays where it was; the half-made generation, never marked whole, is deleted
      // with the older ones by the next compaction.
      await next.destroy();
      throw error;
    }
    next._dbsize = 1;
    const previous = this.persistence;
    this.persistence = next;
    this.generation = generation;
    this.mustStoreWholeState = false;
    this.followDeletion();
    await previous.destroy();
  }

  /**
   * When another tab deletes this store's generation (its compaction moved on), the connection is
   * closed (lib0 openDB closes on `versionchange`): this store follows to the newest whole
   * generation, storing what it holds there. If none is newer (the document is being forgotten or
   * rebuilt), it stays closed, and its writes fail and are reported.
   */
  private followDeletion(): void {
    const persistence = this.persistence;
    persistence.db?.addEventListener('versionchange', (event) => {
      if (event.newVersion !== null || this.closing || this.persistence !== persistence) return;
      // At once: y-indexeddb would otherwise write the next update from elsewhere to the closed
      // database, and its error would reach whoever applied that update (the sync provider).
      void persistence.destroy();
      const follow = this.queue.then(async () => {
        const newest = await newestWholeGeneration(this.name);
        if (newest > this.generation) await this.moveTo(newest, false);
      });
      this.queue = follow.catch((error: unknown) => this.report('document-compaction', error));
    });
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

/**
 * Adds `bytes` to the updates store and deletes every entry before it, in one strict transaction;
 * with `markWhole`, also marks the database as a whole generation (doc-generations.ts WHOLE_KEY).
 */
function replaceStrict(db: IDBDatabase, bytes: Uint8Array, markWhole = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const stores = markWhole ? [UPDATES_STORE, CUSTOM_STORE] : [UPDATES_STORE];
    const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
    const updates = tx.objectStore(UPDATES_STORE);
    const added = updates.add(bytes);
    added.onsuccess = () => updates.delete(IDBKeyRange.upperBound(added.result, true));
    if (markWhole) tx.objectStore(CUSTOM_STORE).put(true, WHOLE_KEY);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new DOMException('IndexedDB write aborted', 'AbortError'));
  });
}
