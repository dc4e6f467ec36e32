/**
 * Erasure on a synced device (issue 13, must-have 4; GDPR art. 17), in Chromium against the real
 * sync server. The tablet signs up Zoé (with her phone number) and Bruno and gives Zoé a phone
 * access; Zoé erases herself with her own credential (POST /api/erasure, what her phone's screen
 * calls). Then every IndexedDB database of the tablet, read store by store, raw value by raw
 * value (the y-indexeddb log's bytes decoded as UTF-8, the Dexie tables' records), holds neither
 * her name nor her phone number, while Bruno's name is still there; her credential is refused.
 *
 * And the files: Chromium keeps IndexedDB in LevelDB, which writes a deletion as one more record
 * and drops the old value only when a compaction rewrites the file holding it. The tablet moves
 * its document to a new database and deletes the old one, between two throwaway deletions
 * (src/sync/doc-generations.ts says why, with the Chromium and LevelDB sources): a database's
 * deletion is the one compaction a page can cause. So every file under the tablet profile's
 * `Default/IndexedDB/` directory, read raw and decoded (tests/e2e/leveldb-files.ts: LevelDB's
 * Snappy-compressed tables, its logs' fragments joined; UTF-8, Latin-1, UTF-16LE and UTF-16BE),
 * must come to hold neither her name nor her number, and still hold Bruno's name (which shows the
 * reading finds what the files hold). Chromium deletes the replaced files a moment after the
 * compaction, hence the retrying assertion. What this relies on and does not prove in general:
 * the other databases' deleted rows (her contact details in the device's tables, her profile's
 * old row in the read model) leave the files because the compaction rewrites the files they
 * share with the document's old database, as a store of this size always does; in a store of
 * many megabytes, LevelDB may keep some in files that range does not reach, until its own
 * compaction. The server's files are byte-searched in tests/server/erasure.test.ts.
 */
import { join } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { formatToken, householdCredentialId, secretFromShortCode } from '../../src/domain';
import { sha256hex } from '../../src/server/tokens';
import {
  issuePhoneAccess,
  joinAndDescribe,
  openSessionWithFatima,
  signUpWithPhone,
  syncState,
} from './app-steps';
import { TABLET } from './harness';
import { holds, storedBytes } from './leveldb-files';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 30_000 };
const ZOE = 'Zoé Quetzalcoatl';
const ZOE_PHONE = '06 91 82 73 64';
const BRUNO = 'Bruno Ixtabal';

const sync = syncServerAndDevices();
let t: Page;
let indexedDbDir = '';
const ids: Record<string, string> = {};

/**
 * Every string this page's IndexedDB databases hold, store by store: keys and values, byte arrays
 * (the y-indexeddb log) decoded as UTF-8, objects walked field by field.
 */
function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const walk = (value: unknown): void => {
      if (value === null || value === undefined) return;
      if (typeof value === 'string') parts.push(value);
      else if (value instanceof ArrayBuffer) parts.push(decoder.decode(new Uint8Array(value)));
      else if (ArrayBuffer.isView(value))
        parts.push(decoder.decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
      else if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === 'object') Object.entries(value).forEach(([k, v]) => (parts.push(k), walk(v)));
      else parts.push(String(value));
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const [keys, values] = await Promise.all(
          ['getAllKeys', 'getAll'].map(
            (method) =>
              new Promise<unknown[]>((resolve, reject) => {
                const objects = db.transaction(store).objectStore(store);
                const request = method === 'getAll' ? objects.getAll() : objects.getAllKeys();
                request.onsuccess = () => resolve(request.result as unknown[]);
                request.onerror = () => reject(request.error);
              }),
          ),
        );
        walk(keys);
        walk(values);
      }
      db.close();
    }
    return parts.join('\n');
  });
}

/** Signs the household up (`signUpWithPhone`), notes its id and pauses back to the session. */
async function signUp(page: Page, name: string, phone: string): Promise<void> {
  ids[name] = await signUpWithPhone(page, name, phone);
  await page.getByRole('link', { name: 'Faire une pause' }).click();
}

/** What a phone does with the short code: the household's token (GET /api/credentials). */
async function tokenOf(code: string): Promise<string> {
  const secret = secretFromShortCode(code)!;
  const credentialId = await householdCredentialId(secret, async (text) => sha256hex(text));
  const response = await fetch(`${sync.server.url}api/credentials/${credentialId}`);
  const { perimeterId } = (await response.json()) as { perimeterId: string };
  return formatToken({ kind: 'household', perimeterId, credentialId, secret });
}

describe('a household erases itself: a synced tablet keeps nothing of it', () => {
  let token = '';

  it('the tablet signs up Zoé (with her phone) and Bruno, and gives Zoé a phone access', async () => {
    const { code } = sync.server.invite('Résidence des Tilleuls');
    const tablet = await sync.newDevice(TABLET);
    indexedDbDir = join(sync.profileDir(tablet), 'Default', 'IndexedDB');
    t = await tablet.newPage();
    await joinAndDescribe(t, sync.server.url, code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionWithFatima(t);
    await signUp(t, ZOE, ZOE_PHONE);
    await signUp(t, BRUNO, '');
    token = await tokenOf(await issuePhoneAccess(t, sync.server.url, ids[ZOE]!));
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    // The search works: before the erasure, the tablet holds her name and her number.
    const before = await storedText(t);
    expect(before).toContain(ZOE);
    expect(before).toContain(ZOE_PHONE);
    const files = storedBytes(indexedDbDir);
    expect({ name: holds(files, ZOE), phone: holds(files, ZOE_PHONE) }).toEqual({ name: true, phone: true });
  });

  it('after her erasure, no IndexedDB store nor file of the tablet holds her name or number; Bruno’s stays', async () => {
    const response = await fetch(`${sync.server.url}api/erasure/${ids[ZOE]}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    await expect
      .poll(async () => {
        const text = await storedText(t);
        return { name: text.includes(ZOE), phone: text.includes(ZOE_PHONE), bruno: text.includes(BRUNO) };
      }, PATIENCE)
      .toEqual({ name: false, phone: false, bruno: true });
    await expect
      .poll(() => {
        const files = storedBytes(indexedDbDir);
        return {
          name: holds(files, ZOE),
          phone: holds(files, ZOE_PHONE),
          bruno: holds(files, BRUNO),
          unreadable: files.unreadable,
        };
      }, PATIENCE)
      .toEqual({ name: false, phone: false, bruno: true, unreadable: [] });
    // Her credential is refused from now on.
    const again = await fetch(`${sync.server.url}api/own-data/${ids[ZOE]}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(403);
  });
});
