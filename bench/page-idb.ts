/**
 * Raw IndexedDB work done inside the page, for bench/browser-open.ts. Every exported function is
 * handed to `page.evaluate` and runs in the browser, so it may use only its arguments and the
 * `benchIdb` helpers that `installIdbHelpers` (an init script) puts on the page.
 */

interface PageIdb {
  /**
   * Opens at the current version (no version given). A missing database is created with `create`,
   * or, without it, is an error: a typo must not leave an empty database that reads as no data.
   */
  open(name: string, create?: (db: IDBDatabase) => void): Promise<IDBDatabase>;
  request<T>(request: IDBRequest<T>): Promise<T>;
  done(tx: IDBTransaction): Promise<void>;
}

// A type only: the functions below run in the page, where no module-level value exists.
type WithIdb = typeof globalThis & { benchIdb: PageIdb };

export function installIdbHelpers(): void {
  const idb: PageIdb = {
    open: (name, create) =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open(name);
        let missing = false;
        opening.onupgradeneeded = () => {
          if (create) return create(opening.result);
          missing = true;
          opening.transaction?.abort();
        };
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () =>
          reject(
            missing ? new Error(`no database ${name}`) : (opening.error ?? new Error(`cannot open ${name}`)),
          );
      }),
    request: (request) =>
      new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('request failed'));
      }),
    done: (tx) =>
      new Promise((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
      }),
  };
  (globalThis as WithIdb).benchIdb = idb;
}

export interface Seed {
  perimeterId: string;
  /** The IndexedDB names the app uses: its document's (y-indexeddb) and the device's (Dexie). */
  docDb: string;
  deviceDb: string;
  name: string;
  addedAt: string;
  /** The document's state as one Yjs update, base64: strings cross the protocol cheaply. */
  updateBase64: string;
}

/** Leaves IndexedDB as if this device had just received the whole document and chosen it. */
export async function seedPerimeter(seed: Seed): Promise<void> {
  const idb = (globalThis as WithIdb).benchIdb;
  const bytes = Uint8Array.from(atob(seed.updateBase64), (char) => char.charCodeAt(0));
  const doc = await idb.open(seed.docDb, (db) => {
    // As y-indexeddb creates it (lib0 `createStores`): an auto-keyed log of updates, and `custom`.
    db.createObjectStore('updates', { autoIncrement: true });
    db.createObjectStore('custom');
  });
  const log = doc.transaction('updates', 'readwrite');
  log.objectStore('updates').add(bytes);
  await idb.done(log);
  doc.close();
  // Dexie created it at the first load; opened with no version, it stays at Dexie's.
  const device = await idb.open(seed.deviceDb);
  const tx = device.transaction(['perimeters', 'settings'], 'readwrite');
  tx.objectStore('perimeters').put({ id: seed.perimeterId, name: seed.name, addedAt: seed.addedAt });
  tx.objectStore('settings').put({ key: 'currentPerimeter', value: seed.perimeterId });
  await idb.done(tx);
  device.close();
}

/** The stored update log: how many entries, their total bytes, and how long reading them took. */
export async function readUpdates(docDb: string): Promise<{ entries: number; bytes: number; ms: number }> {
  const idb = (globalThis as WithIdb).benchIdb;
  const start = performance.now();
  const db = await idb.open(docDb);
  const values = await idb.request(db.transaction('updates').objectStore('updates').getAll());
  const ms = performance.now() - start;
  db.close();
  const bytes = (values as Uint8Array[]).reduce((sum, value) => sum + value.byteLength, 0);
  return { entries: values.length, bytes, ms };
}

/**
 * What the summary screen reads for its matches (src/storage/queries.ts `summary`): every row of
 * the read model's `householdAnswers`, then, per household, its answers to the ideas `householdId`
 * answered. Times from the read's start to the maps built; the database is open already, as the
 * app's is. `households` counts the rows read, `pairs` the answers kept.
 */
export async function readSummaryAnswers({
  readDb,
  householdId,
}: {
  readDb: string;
  householdId: string;
}): Promise<{ households: number; pairs: number; ms: number }> {
  const idb = (globalThis as WithIdb).benchIdb;
  const db = await idb.open(readDb);
  const start = performance.now();
  const rows = (await idb.request(
    db.transaction('householdAnswers').objectStore('householdAnswers').getAll(),
  )) as {
    householdId: string;
    answers: Record<string, string>;
  }[];
  const mine = rows.find((row) => row.householdId === householdId)?.answers ?? {};
  let pairs = 0;
  const byHousehold = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const answers = new Map<string, string>();
    for (const ideaId in mine) {
      const value = row.answers[ideaId];
      if (value !== undefined) answers.set(ideaId, value);
    }
    pairs += answers.size;
    byHousehold.set(row.householdId, answers);
  }
  const ms = performance.now() - start;
  db.close();
  return { households: byHousehold.size, pairs, ms };
}

export async function writeJson(json: string): Promise<void> {
  const idb = (globalThis as WithIdb).benchIdb;
  const db = await idb.open('bench-json', (created) => created.createObjectStore('perimeter'));
  const tx = db.transaction('perimeter', 'readwrite');
  tx.objectStore('perimeter').put(json, 'state');
  await idb.done(tx);
  db.close();
}

/** Reads and parses the JSON, and keeps the result on `window`, so that the heap holds it. */
export async function readJson(): Promise<{ readMs: number; parseMs: number }> {
  const idb = (globalThis as WithIdb).benchIdb;
  const start = performance.now();
  const db = await idb.open('bench-json');
  const json = (await idb.request(
    db.transaction('perimeter').objectStore('perimeter').get('state'),
  )) as string;
  const read = performance.now();
  (globalThis as typeof globalThis & { kept?: unknown }).kept = JSON.parse(json);
  const parsed = performance.now();
  db.close();
  return { readMs: read - start, parseMs: parsed - read };
}

/** Quota usage as Chromium estimates it (on-disk files, after LevelDB compression). */
export async function storageUsage(): Promise<{ total: number; indexedDB: number }> {
  const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
    usageDetails?: { indexedDB?: number };
  };
  return { total: estimate.usage ?? 0, indexedDB: estimate.usageDetails?.indexedDB ?? Number.NaN };
}

/**
 * Marks when the Home screen shows the expected count line (`bench:home-dom`), and once that
 * frame painted (`bench:home-shown`). Installed as an init script, it watches from navigation start.
 */
export function watchHome(expected: string): void {
  const observer = new MutationObserver(() => {
    if (document.querySelector('p.lead')?.textContent !== expected) return;
    observer.disconnect();
    performance.mark('bench:home-dom');
    requestAnimationFrame(() => setTimeout(() => performance.mark('bench:home-shown')));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}
