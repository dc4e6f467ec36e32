/**
 * Linked neighbours' contact details on this device (issue 11, must-have 3). The server decides
 * who may see whose details (GET /api/neighbour-contacts/<household>); this device keeps what it
 * was given in its device-local `neighbourContacts` table (never the shared document) so the
 * screens show them with no network, and drops them:
 * - as soon as its copy of the shared document says the link no longer holds (either side
 *   withdrew, a consent was taken back, a household was erased): `forgetBrokenLinks`, run on every
 *   change of the document's choices and profiles by `keepNeighbourContacts`;
 * - when the server no longer returns them, or no longer answers this credential at all.
 *
 * What must stay true: a row is kept only while the device's document says the link holds and
 * both consented (domain `contactGate`), so what the server answered before a withdrawal this
 * device already knows of is never kept. The details of one household (the phone's own, or one a
 * facilitator acts for) are kept apart from another's.
 */
import type * as Y from 'yjs';
import { CHOICES_MAP, type FieldError, type Household, householdSchema } from '../domain';
import { type ContactGate, choicesAround, contactGate } from '../domain/contact-gate';
import {
  type ContactSharing,
  type ContactSharingChange,
  type SharedContact,
  contactSharingChangeSchema,
  contactSharingSchema,
  neighbourContactsSchema,
} from '../domain/contact-sharing';
import type { ReportError } from '../domain/device-errors';
import { validate } from '../domain/validate';
import type { DeviceDb, NeighbourContactRow } from '../storage/device-db';

/** How long to wait for the server before giving up until the next try. */
const FETCH_TIMEOUT_MS = 10_000;

export interface NeighbourContactsDeps {
  device: DeviceDb;
  /** Base of the HTTP API. */
  http: string;
  perimeterId: string;
  /** This device's copy of the perimeter's shared document (`PerimeterDoc.doc`). */
  doc: Y.Doc;
  /** ISO 8601 time, for `fetchedAt`. */
  now(): string;
}

/**
 * What a screen shows for a neighbour:
 * - 'shown': linked, both consented, and this device has what the neighbour shares (`contact`
 *   may be empty: it shares nothing, or gave nothing), as of `fetchedAt`;
 * - 'not-linked': the two are not (or no longer) linked, by this device's copy of the document;
 * - 'no-consent': linked, but one of the two did not agree to share contact details;
 * - 'not-fetched': linked and both consented, but this device has not received the details yet
 *   (no network since, or the server has not seen both yeses yet).
 */
export type NeighbourContactLookup =
  | { state: 'shown'; contact: SharedContact; fetchedAt: string }
  | { state: Exclude<ContactGate, 'open'> | 'not-fetched' };

/**
 * How a refresh went: 'fetched' (the rows now follow the server's answer), 'no-network' (the
 * browser is offline: nothing asked), 'unreachable' (no answer, in time or readable), 'refused'
 * (the server refuses this credential or this household: the household's rows are dropped),
 * 'no-credential' (this device does not sync this perimeter).
 */
export type RefreshOutcome = 'fetched' | 'no-network' | 'unreachable' | 'refused' | 'no-credential';

/** The gate of every neighbour of `householdId`, as this device's document says now. */
function gatesOf(doc: Y.Doc, householdId: string): (neighbourId: string) => ContactGate {
  const { choices } = choicesAround(doc.getMap(CHOICES_MAP).entries(), householdId);
  const own = profileIn(doc, householdId);
  return (neighbourId) => contactGate(choices, own, profileIn(doc, neighbourId));
}

function profileIn(doc: Y.Doc, householdId: string): Household | undefined {
  const parsed = householdSchema.safeParse(doc.getMap('profiles').get(householdId));
  return parsed.success ? parsed.data : undefined;
}

const rowsOf = (deps: NeighbourContactsDeps, householdId: string) =>
  deps.device.neighbourContacts.where('[perimeterId+householdId]').equals([deps.perimeterId, householdId]);

/**
 * A neighbour's details for `householdId`'s screens, from this device only (no network): the
 * stored copy while the link holds, else why not. A stored copy of a link that no longer holds is
 * dropped on the way.
 */
export async function neighbourContact(
  deps: NeighbourContactsDeps,
  householdId: string,
  neighbourId: string,
): Promise<NeighbourContactLookup> {
  const key: [string, string, string] = [deps.perimeterId, householdId, neighbourId];
  const gate = gatesOf(deps.doc, householdId)(neighbourId);
  if (gate !== 'open') {
    await deps.device.neighbourContacts.delete(key);
    return { state: gate };
  }
  const row = await deps.device.neighbourContacts.get(key);
  if (!row) return { state: 'not-fetched' };
  return { state: 'shown', contact: sharedOf(row), fetchedAt: row.fetchedAt };
}

/**
 * Every neighbour's details this device holds for `householdId` whose link still holds, by
 * neighbour id, from this device only: for a list of neighbours or a printed sheet, which ask
 * `neighbourContact` for the reason when one is missing.
 */
export async function neighbourContactsHeld(
  deps: NeighbourContactsDeps,
  householdId: string,
): Promise<Map<string, SharedContact>> {
  const gate = gatesOf(deps.doc, householdId);
  const rows = await rowsOf(deps, householdId).toArray();
  return new Map(
    rows.filter((row) => gate(row.neighbourId) === 'open').map((row) => [row.neighbourId, sharedOf(row)]),
  );
}

function sharedOf(row: NeighbourContactRow): SharedContact {
  return {
    ...(row.phone ? { phone: row.phone } : {}),
    ...(row.email ? { email: row.email } : {}),
  };
}

/**
 * Drops every stored detail of `householdId`'s neighbours whose link no longer holds by this
 * device's document. Resolves with how many were dropped.
 */
export async function forgetBrokenLinks(deps: NeighbourContactsDeps, householdId: string): Promise<number> {
  const { device } = deps;
  return device.transaction('rw', device.neighbourContacts, async () => {
    const gate = gatesOf(deps.doc, householdId);
    const broken = (await rowsOf(deps, householdId).toArray()).filter(
      (row) => gate(row.neighbourId) !== 'open',
    );
    await device.neighbourContacts.bulkDelete(
      broken.map((row): [string, string, string] => [row.perimeterId, row.householdId, row.neighbourId]),
    );
    return broken.length;
  });
}

/**
 * Asks the server for `householdId`'s linked neighbours' details with this device's credential and
 * makes the stored rows follow its answer: kept for the neighbours it returned (where this
 * device's document agrees the link holds), dropped for every other one.
 */
export async function refreshNeighbourContacts(
  deps: NeighbourContactsDeps,
  householdId: string,
): Promise<RefreshOutcome> {
  const { device, perimeterId } = deps;
  const access = await device.access.get(perimeterId);
  if (!access) return 'no-credential';
  if (globalThis.navigator?.onLine === false) return 'no-network';
  const answer = await askServer(
    `${deps.http}/api/neighbour-contacts/${encodeURIComponent(householdId)}`,
    access.token,
  );
  if (answer === 'unreachable') return 'unreachable';
  // Refused: the server no longer answers this credential for this household, so nothing is kept.
  const parsed = answer === 'refused' ? undefined : neighbourContactsSchema.safeParse(answer.body);
  if (parsed && (!parsed.success || parsed.data.householdId !== householdId)) return 'unreachable';
  const now = deps.now();
  await device.transaction('rw', device.neighbourContacts, async () => {
    // The document is read inside the transaction, after the answer: a withdrawal it learnt of
    // while the request was out wins over what the server said before.
    const gate = gatesOf(deps.doc, householdId);
    const kept: NeighbourContactRow[] = (parsed?.data?.neighbours ?? [])
      .filter((neighbour) => gate(neighbour.householdId) === 'open')
      .map(({ householdId: neighbourId, phone, email }) => ({
        perimeterId,
        householdId,
        neighbourId,
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
        fetchedAt: now,
      }));
    const keep = new Set(kept.map((row) => row.neighbourId));
    await rowsOf(deps, householdId)
      .filter((row) => !keep.has(row.neighbourId))
      .delete();
    await device.neighbourContacts.bulkPut(kept);
  });
  return answer === 'refused' ? 'refused' : 'fetched';
}

type Answer = { body: unknown } | 'refused' | 'unreachable';

/**
 * The server's JSON body; 'refused' when it refuses the request (a 4xx other than 408 and 429: the
 * credential, the household or the request); 'unreachable' for no answer, in time or readable, or
 * a "try later" (408, 429, 5xx).
 */
async function askServer(url: string, token: string, init: RequestInit = {}): Promise<Answer> {
  try {
    const response = await fetch(url, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    const { status } = response;
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'refused';
    if (!response.ok) return 'unreachable';
    return { body: (await response.json()) as unknown };
  } catch {
    // No network, no answer in time, or not JSON.
    return 'unreachable';
  }
}

/**
 * Keeps `householdId`'s neighbours' details current on this device until the returned function
 * is called: drops broken links at every change of the document's choices, or of the profiles of
 * the household and the neighbours it has choices with, and then asks the server again when the
 * change concerns the household; also whenever the browser says the network is back. Runs are serialised; changes during a run cause one more run, not one each.
 * Failures go to the device's error log (`report`), never to the screen. The returned function
 * resolves once a run in flight has ended (so the device database may then be closed).
 */
export function keepNeighbourContacts(
  deps: NeighbourContactsDeps,
  householdId: string,
  report: ReportError,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again: { refresh: boolean } | undefined;

  const run = (refresh: boolean) => {
    if (stopped) return;
    if (running) {
      again = { refresh: refresh || (again?.refresh ?? false) };
      return;
    }
    running = (async () => {
      await forgetBrokenLinks(deps, householdId);
      if (refresh) await refreshNeighbourContacts(deps, householdId);
    })()
      .catch((error: unknown) => {
        if (!stopped) report('neighbour-contacts', error);
      })
      .finally(() => {
        running = undefined;
        const next = again;
        again = undefined;
        if (next) run(next.refresh);
      });
  };

  const choices = deps.doc.getMap(CHOICES_MAP);
  const profiles = deps.doc.getMap('profiles');
  const onChoices = (event: Y.YMapEvent<unknown>) => {
    const concerns = [...event.keysChanged].some((key) => key.split('/').slice(0, 2).includes(householdId));
    run(concerns);
  };
  // A profile matters only when it is the household's or a neighbour's it has choices with: a
  // sign-up elsewhere in the perimeter must not make every phone ask the server.
  const onProfiles = (event: Y.YMapEvent<unknown>) => {
    const { choices: around } = choicesAround(choices.entries(), householdId);
    const related = new Set([
      householdId,
      ...[...around.keys()].flatMap((key) => key.split('/').slice(0, 2)),
    ]);
    if ([...event.keysChanged].some((key) => related.has(key))) run(true);
  };
  const onOnline = () => run(true);
  choices.observe(onChoices);
  profiles.observe(onProfiles);
  globalThis.addEventListener?.('online', onOnline);
  run(true);
  return async () => {
    stopped = true;
    choices.unobserve(onChoices);
    profiles.unobserve(onProfiles);
    globalThis.removeEventListener?.('online', onOnline);
    await running;
  };
}

/**
 * What setting the household's sharing gave: the server's account of it, or why not ('invalid'
 * with the fields refused, as the domain's codes; the others as in RefreshOutcome).
 */
export type SharingOutcome =
  | { ok: true; sharing: ContactSharing }
  | { ok: false; reason: 'invalid'; errors: FieldError[] }
  | { ok: false; reason: Exclude<RefreshOutcome, 'fetched'> };

/**
 * Changes what `householdId` shares with its linked neighbours (phone, e-mail, both, none) and,
 * when given, its own phone or e-mail (an empty one removes it), on the server: needs the network,
 * since the server keeps them (the screen says so when it answers 'no-network' or 'unreachable').
 */
export async function setContactSharing(
  deps: Pick<NeighbourContactsDeps, 'device' | 'http' | 'perimeterId'>,
  householdId: string,
  change: ContactSharingChange,
): Promise<SharingOutcome> {
  const checked = validate(contactSharingChangeSchema, change);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  return sharingCall(deps, householdId, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(checked.value),
  });
}

/** What `householdId` shares now and its own phone and e-mail, as the server keeps them. */
export function readContactSharing(
  deps: Pick<NeighbourContactsDeps, 'device' | 'http' | 'perimeterId'>,
  householdId: string,
): Promise<SharingOutcome> {
  return sharingCall(deps, householdId, {});
}

async function sharingCall(
  deps: Pick<NeighbourContactsDeps, 'device' | 'http' | 'perimeterId'>,
  householdId: string,
  init: RequestInit,
): Promise<SharingOutcome> {
  const access = await deps.device.access.get(deps.perimeterId);
  if (!access) return { ok: false, reason: 'no-credential' };
  if (globalThis.navigator?.onLine === false) return { ok: false, reason: 'no-network' };
  const url = `${deps.http}/api/contact-sharing/${encodeURIComponent(householdId)}`;
  const answer = await askServer(url, access.token, init);
  if (answer === 'refused' || answer === 'unreachable') return { ok: false, reason: answer };
  const parsed = contactSharingSchema.safeParse(answer.body);
  return parsed.success ? { ok: true, sharing: parsed.data } : { ok: false, reason: 'unreachable' };
}
