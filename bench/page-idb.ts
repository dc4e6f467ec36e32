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
 * What the summary screen reads for its matches (src/storage/queries.ts `summary`): in one
 * transaction, the read model's `answerIdeas` meta row and every packed row (`packedAnswers`,
 * one `getAll`), then a view per row that `summarize` looks into (read-model.ts
 * `packedAnswersViews`: nothing unpacked). Times from the read's start to the views built (`ms`),
 * and the reads alone (`readMs`); the database is open already, as the app's is. `households`
 * counts the rows read, `pairs` the answers of the other rows to the ideas `householdId` answered
 * (counted after the clock stops: what summarize will look up).
 */
export async function readSummaryAnswers({
  readDb,
  householdId,
}: {
  readDb: string;
  householdId: string;
}): Promise<{ households: number; pairs: number; ms: number; readMs: number }> {
  const idb = (globalThis as WithIdb).benchIdb;
  const db = await idb.open(readDb);
  const start = performance.now();
  const tx = db.transaction(['meta', 'packedAnswers']);
  const [placed, rows] = (await Promise.all([
    idb.request(tx.objectStore('meta').get('answerIdeas')),
    idb.request(tx.objectStore('packedAnswers').getAll()),
  ])) as [{ value: string[] } | undefined, { householdId: string; codes: string }[]];
  const read = performance.now();
  const ideas = placed?.value ?? [];
  const places = new Map(ideas.map((ideaId, i) => [ideaId, i]));
  // As packedAnswersViews: 'a' is the first answer value, anything below it no answer.
  const views = new Map(
    rows.map(({ householdId: id, codes }) => [
      id,
      (ideaId: string) => {
        const place = places.get(ideaId);
        return place !== undefined && codes.charCodeAt(place) >= 97 ? codes[place] : undefined;
      },
    ]),
  );
  const ms = performance.now() - start;
  db.close();
  const mine = rows.find((row) => row.householdId === householdId)?.codes ?? '';
  const mineIdeas = ideas.filter((_, place) => mine.charCodeAt(place) >= 97);
  let pairs = 0;
  for (const [id, get] of views) {
    if (id === householdId) continue;
    for (const ideaId of mineIdeas) if (get(ideaId) !== undefined) pairs++;
  }
  return { households: views.size, pairs, ms, readMs: read - start };
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
