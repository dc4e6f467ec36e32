/**
 * A household's rights on a device (issue 13, must-haves 4 and 5): following erasures the server
 * wrote, and the calls the screens make (erase, own data, retention).
 *
 * Following an erasure (GDPR art. 17): when this device's document learns that a household was
 * erased (its profile now carries `erasedAt`, domain/erasure.ts), the device drops that household's
 * contact details from its own tables (`contacts`, which a tablet keeps from the sign-up, and
 * `neighbourContacts`, on either side of a link) and compacts its y-indexeddb store
 * (LocalDocStore.compact), whose older entries still hold the erased values. The read model
 * follows the document by itself (the profile row is overwritten, the answers' rows deleted), and
 * matches, links and counts leave erased households out (links.ts `activeHousehold`).
 *
 * Server calls, as the screens use them (all with `Authorization: Bearer <token>`, the device's
 * credential from the `access` table; JSON in and out; errors as `{ error }` with 4xx):
 * - `POST /api/erasure/<household>`: the household itself, or a facilitator for it. Answers
 *   `{ erased: string[], erasedAt }` once the erasure is durable and the server's files purged.
 * - `POST /api/erasures` `{ householdIds }`: a facilitator, several households at once (retention,
 *   after the screen's confirmation); same answer.
 * - `GET /api/own-data/<household>`: the household's data as domain/erasure.ts
 *   `householdExportSchema` version 1, with the contact details the server keeps.
 */
import type * as Y from 'yjs';
import type { ReportError } from '../domain/device-errors';
import {
  type Erasure,
  type HouseholdExport,
  type RecordSource,
  dormantHouseholds,
  householdExport,
  householdExportSchema,
} from '../domain/erasure';
import type { DormantHousehold } from '../domain/erasure';
import type { DeviceDb } from '../storage/device-db';
import { sharingKey } from './neighbour-contacts';

/** The document's maps as domain/erasure.ts reads them. */
export function docRecordSource(doc: Y.Doc): RecordSource {
  return {
    entries: (map) => doc.getMap(map).entries(),
    get: (map, key) => doc.getMap(map).get(key),
  };
}

export interface ErasureFollowerDeps {
  device: DeviceDb;
  perimeterId: string;
  /** This device's copy of the perimeter's document. */
  doc: Y.Doc;
  /**
   * Rewrites the device's stored document from its current state (LocalDocStore.compact), once the
   * writes the erasure caused elsewhere on the device (the read model's) have landed.
   */
  compact(): Promise<void>;
  report: ReportError;
}

/**
 * Drops `householdIds`' contact details from the device's tables: the sign-up contacts, the
 * linked neighbours' details on either side, and the household's own sharing as the server last
 * gave it (its phone and e-mail, in the settings: neighbour-contacts.ts `sharingKey`). Resolves
 * with how many rows went.
 */
export async function forgetContacts(
  device: DeviceDb,
  perimeterId: string,
  householdIds: readonly string[],
): Promise<number> {
  const erased = new Set(householdIds);
  return device.transaction('rw', device.contacts, device.neighbourContacts, device.settings, async () => {
    const contacts = await device.contacts.bulkGet([...erased]);
    const ownContacts = contacts.flatMap((row) =>
      row?.perimeterId === perimeterId ? [row.householdId] : [],
    );
    await device.contacts.bulkDelete(ownContacts);
    const neighbours = await device.neighbourContacts
      .filter(
        (row) =>
          row.perimeterId === perimeterId && (erased.has(row.householdId) || erased.has(row.neighbourId)),
      )
      .primaryKeys();
    await device.neighbourContacts.bulkDelete(neighbours);
    const sharingKeys = [...erased].map((id) => sharingKey(perimeterId, id));
    const sharing = (await device.settings.bulkGet(sharingKeys)).flatMap((row) => (row ? [row.key] : []));
    await device.settings.bulkDelete(sharing);
    return ownContacts.length + neighbours.length + sharing.length;
  });
}

/**
 * Follows erasures until the returned function is called: each transaction that turns a profile
 * into an erased marker (its previous value had no `erasedAt`) makes the device forget the
 * household's contact details, then compact its stored document. Runs are serialised; failures go
 * to the device's error log, never to the screen. The returned function resolves once a run in
 * flight has ended.
 */
export function followErasures(deps: ErasureFollowerDeps): () => Promise<void> {
  const profiles = deps.doc.getMap('profiles');
  let queue: Promise<void> = Promise.resolve();
  const observer = (event: Y.YMapEvent<unknown>) => {
    const erased: string[] = [];
    for (const [key, change] of event.changes.keys) {
      if (change.action === 'delete') continue;
      const now = profiles.get(key) as { erasedAt?: unknown } | undefined;
      const before = change.oldValue as { erasedAt?: unknown } | undefined;
      if (now?.erasedAt !== undefined && before?.erasedAt === undefined) erased.push(key);
    }
    if (erased.length === 0) return;
    queue = queue
      .then(async () => {
        await forgetContacts(deps.device, deps.perimeterId, erased);
        // After the transaction that brought the erasure: its update is stored by then, and the
        // compaction keeps only the state, where Yjs already collected the erased values.
        await deps.compact();
      })
      .catch((error: unknown) => deps.report('document-compaction', error));
  };
  profiles.observe(observer);
  return () => {
    profiles.unobserve(observer);
    return queue;
  };
}

/**
 * What a server call gave: its JSON body, or why not:
 * - 'refused': the server answered no (4xx other than 429 and an erased household's 403);
 * - 'erased': the server refused the credential because its household is erased (403
 *   `{ error: 'erased' }`, server/auth.ts): on the household's own phone, the erasure is done;
 * - 'unreachable': no answer (no network, the server down or silent past the wait, a 5xx or 429,
 *   an answer cut off or not as expected). For a write (an erasure) its outcome is then unknown:
 *   the server may have done it and the answer been lost. `timedOut`: the wait ran out.
 */
export type ServerAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'refused' | 'erased' | 'unreachable'; status?: number; timedOut?: boolean };

/**
 * How long a read (own data) waits for the server's answer, in ms: as long as a contact's lookup
 * (contacts.ts), then the screen says the server did not answer and gives its buttons back.
 */
export const READ_TIMEOUT_MS = 10_000;

/**
 * How long an erasure waits, in ms: the server answers once the erasure is durable and its
 * databases compacted and purged, a few seconds on the worst-case perimeter (bench/), so longer.
 */
export const ERASURE_TIMEOUT_MS = 30_000;

/** The `error` word of a refusal's JSON body (`{ error }`, server/http-json.ts), if it has one. */
async function errorWord(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: unknown } | null;
    return typeof body?.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

async function call<T>(
  url: string,
  token: string,
  timeoutMs: number,
  init: RequestInit = {},
): Promise<ServerAnswer<T>> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      ...init,
      signal,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });
    if (response.ok) return { ok: true, value: (await response.json()) as T };
    if (response.status === 403 && (await errorWord(response)) === 'erased')
      return { ok: false, reason: 'erased', status: 403 };
    const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
    return { ok: false, reason: refused ? 'refused' : 'unreachable', status: response.status };
  } catch {
    // No network, no answer in time, a body cut off or not JSON.
    return { ok: false, reason: 'unreachable', ...(signal.aborted ? { timedOut: true } : {}) };
  }
}

/**
 * Asks the server to erase `householdId` (POST /api/erasure/<household>). `http`: the API's base
 * URL; `token`: the household's own credential or a facilitator's. Asked again for a household
 * already erased: the household's own credential gets 'erased', a facilitator's `erased: []`.
 * `timeoutMs`: how long to wait for the answer (ERASURE_TIMEOUT_MS unless a test says).
 */
export function requestErasure(
  http: string,
  token: string,
  householdId: string,
  timeoutMs = ERASURE_TIMEOUT_MS,
): Promise<ServerAnswer<Erasure>> {
  return call(`${http}/api/erasure/${encodeURIComponent(householdId)}`, token, timeoutMs, {
    method: 'POST',
  });
}

/** A facilitator erases several households in one step (POST /api/erasures): retention. */
export function requestErasures(
  http: string,
  token: string,
  householdIds: readonly string[],
): Promise<ServerAnswer<Erasure>> {
  return call(`${http}/api/erasures`, token, ERASURE_TIMEOUT_MS, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ householdIds }),
  });
}

/**
 * The household's own data with the contact details the server keeps (GET /api/own-data), checked
 * against the export schema; a body that does not match counts as unreachable. `timeoutMs`: how
 * long to wait for the whole answer (READ_TIMEOUT_MS unless a test says).
 */
export async function fetchOwnData(
  http: string,
  token: string,
  householdId: string,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<ServerAnswer<HouseholdExport>> {
  const answer = await call<unknown>(
    `${http}/api/own-data/${encodeURIComponent(householdId)}`,
    token,
    timeoutMs,
  );
  if (!answer.ok) return answer;
  const parsed = householdExportSchema.safeParse(answer.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'unreachable' };
}

/**
 * The household's data as this device's document holds it, offline (no contact details: the
 * device does not keep the household's own from the server). `exportedAt`: ISO 8601.
 */
export function ownDataOnDevice(
  doc: Y.Doc,
  perimeterId: string,
  householdId: string,
  exportedAt: string,
): HouseholdExport {
  return householdExport(docRecordSource(doc), perimeterId, householdId, exportedAt);
}

/** The households with no activity for `months` (default 24) as this device's document says. */
export function dormantOnDevice(doc: Y.Doc, now: Date, months?: number): DormantHousehold[] {
  return dormantHouseholds(docRecordSource(doc), now, months);
}
