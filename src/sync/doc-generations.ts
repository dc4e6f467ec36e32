/**
 * The generations of a perimeter's stored document (LocalDocStore), and how an old one is purged
 * so that its bytes leave the browser's files (GDPR art. 17, issue 13 must-have 4).
 *
 * Why generations: deleting IndexedDB records does not delete their bytes. Chromium keeps
 * IndexedDB in LevelDB, where a deletion is one more record; the old value stays in the `.log` and
 * `.ldb` files until a LevelDB compaction rewrites the files that hold it. A page cannot ask for a
 * compaction, with one exception: `indexedDB.deleteDatabase` deletes the database's key range and
 * then compacts that range (Chromium content/browser/indexed_db/instance/leveldb/backing_store.cc
 * `BackingStore::Database::DeleteDatabase`, `LevelDBScopeDeletionMode::kDeferredWithCompaction`).
 * Chromium's own full compaction runs only when every connection of the origin has been closed for
 * 2 s, and at most once in 1 to 3 days per origin (bucket_context.cc `StartPreCloseTasks`,
 * `kMaxEarliestBucketCompactionFromNow`); its in-session cleanup is off by default
 * (leveldb/cleanup_scheduler.cc `kIdbInSessionDbCleanup`). So after an erasure the device writes
 * its document, whose Yjs state holds no erased value, into a new database (the next generation),
 * and deletes the older ones.
 *
 * Why the flushes around that deletion (`purgeGenerations`): LevelDB's range compaction
 * (`DBImpl::CompactRange`) first writes its in-memory table to a new file, which LevelDB may place
 * straight at level 2 when nothing overlaps it, and then compacts only the levels above the last
 * one holding that range: a store whose erased values were all still in memory keeps them in that
 * new file. Deleting a throwaway database first moves everything written so far (the erasure, the
 * deleted contact rows of the other databases) into files; the deletion of the old generation
 * then merges those files with its deletion records, which drops every overwritten or deleted
 * value they hold. LevelDB removes a replaced file only when no read still uses it, so a last
 * throwaway deletion lets it remove the files the compaction replaced.
 * What must stay true: the old generations are deleted only once the new one is whole and
 * durable (`WHOLE_KEY`, written in a strict transaction), and a start opens the newest whole
 * generation, so a browser killed at any step finds one generation whole.
 *
 * Other backends: Chromium's SQLite backing store (bucket_context.cc `kIdbSqliteOnDiskRollout`,
 * off by default, rolled out by field trial) and Firefox and Safari keep each database in its own
 * SQLite file, which its deletion removes; the flushes cost them two empty databases. Whether
 * their other databases' deleted rows leave their files is not checked here (tests/e2e runs
 * Debian's Chromium, on LevelDB).
 */

/** Joins a document's name and its generation number: `tissage-doc-<perimeter>~3`. */
const SEPARATOR = '~';
/** The throwaway database whose deletion makes LevelDB write what it holds in memory to files. */
const FLUSH_SUFFIX = `${SEPARATOR}flush`;
/** Key, in y-indexeddb's `custom` store, that marks a generation as whole (its state durable). */
export const WHOLE_KEY = 'tissage:whole-generation';
const CUSTOM_STORE = 'custom';

/** The IndexedDB name of `name`'s generation `generation` (0: the name itself, as first stored). */
export function generationName(name: string, generation: number): string {
  return generation === 0 ? name : `${name}${SEPARATOR}${generation}`;
}

/** The generations of `name` this origin holds, in ascending order (0 is `name` itself). */
export async function storedGenerations(name: string): Promise<number[]> {
  const generations: number[] = [];
  for (const { name: stored } of await indexedDB.databases()) {
    if (stored === name) generations.push(0);
    else if (stored?.startsWith(name + SEPARATOR)) {
      const suffix = stored.slice(name.length + SEPARATOR.length);
      const generation = Number(suffix);
      if (Number.isSafeInteger(generation) && generation > 0 && String(generation) === suffix)
        generations.push(generation);
    }
  }
  return generations.sort((a, b) => a - b);
}

/**
 * The newest generation of `name` that is whole: generation 0 always is (it was written
 * before generations existed, and a new document starts there); a later one once it holds
 * `WHOLE_KEY`. 0 when none is stored yet.
 */
export async function newestWholeGeneration(name: string): Promise<number> {
  const generations = await storedGenerations(name);
  for (const generation of generations.reverse()) {
    if (generation === 0 || (await holdsWholeMarker(generationName(name, generation)))) return generation;
  }
  return 0;
}

async function holdsWholeMarker(database: string): Promise<boolean> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(database);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error(`cannot open ${database}`));
  });
  try {
    if (!db.objectStoreNames.contains(CUSTOM_STORE)) return false;
    return await new Promise<boolean>((resolve, reject) => {
      const request = db.transaction(CUSTOM_STORE).objectStore(CUSTOM_STORE).get(WHOLE_KEY);
      request.onsuccess = () => resolve(request.result !== undefined);
      request.onerror = () => reject(request.error ?? new Error(`cannot read ${database}`));
    });
  } finally {
    db.close();
  }
}

/**
 * Resolves once `database` is deleted. A connection that another tab keeps open delays it: that
 * tab's store closes on the `versionchange` event (lib0 openDB) and follows to the newest
 * generation (LocalDocStore).
 */
function deleteDatabase(database: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(database);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`cannot delete ${database}`));
  });
}

/** Creates and deletes a throwaway database: LevelDB then writes its in-memory table to files. */
async function flush(name: string): Promise<void> {
  const database = name + FLUSH_SUFFIX;
  await new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(database);
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error ?? new Error(`cannot open ${database}`));
  });
  await deleteDatabase(database);
}

/**
 * Deletes `generations` of `name`, between flushes (see the header), so that the bytes of what
 * they held leave Chromium's LevelDB files. The caller deletes only generations older than one
 * that is whole. Rejects with the browser's error; a later start purges what is left.
 */
export async function purgeGenerations(name: string, generations: readonly number[]): Promise<void> {
  if (generations.length === 0) return;
  await flush(name);
  for (const generation of generations) await deleteDatabase(generationName(name, generation));
  await flush(name);
}

/** Deletes every generation of `name`: the document is forgotten or rebuilt from the server. */
export async function clearGenerations(name: string): Promise<void> {
  const generations = await storedGenerations(name);
  // Generation 0 may not be listed yet and still be opened later: deleting it is harmless.
  await purgeGenerations(name, generations.length === 0 ? [0] : generations);
}
