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
 * A neighbour may also hand its details over face to face, in its meeting code's card
 * (domain/meeting-code.ts; it chooses to include them, off by default): the reading phone keeps
 * them in the same table, marked `handedOver`, while the two stay linked, even if one of them did
 * not consent at sign-up (the card is that neighbour's own choice, made in person); a withdrawal
 * drops them like any other row, and the server's answer replaces them when it has the neighbour's.
 *
 * The household's own sharing (what it shares, its own phone and e-mail) lives on the server; the
 * last answer is kept in the device settings (`contactSharing/<perimeter>/<household>`) so the
 * home shows it offline and a meeting code can carry the household's number with no network.
 *
 * What must stay true: a row is kept only while the device's document says the link holds and
 * both consented (domain `contactGate`), or, for a handed-over card, while the link holds, so what the server answered before a withdrawal this
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
import type { MeetingCard } from '../domain/meeting-code';
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
  /**
   * Calls `listener` each time the server confirms it stored more of this device's changes (the
   * sync status's `storedAt` moves); returns the function that stops listening. Absent where the
   * device does not sync.
   */
  onStored?(listener: () => void): () => void;
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

/**
 * Whether a stored row may stay under `gate`: a row from the server only while the gate is open; a
 * card handed over face to face while the two are linked, consent or not.
 */
const keptUnder = (row: NeighbourContactRow, gate: ContactGate) =>
  gate === 'open' || (row.handedOver === true && gate === 'no-consent');

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
  const row = await deps.device.neighbourContacts.get(key);
  if (row && keptUnder(row, gate))
    return { state: 'shown', contact: sharedOf(row), fetchedAt: row.fetchedAt };
  if (row) await deps.device.neighbourContacts.delete(key);
  return gate === 'open' ? { state: 'not-fetched' } : { state: gate };
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
    rows
      .filter((row) => keptUnder(row, gate(row.neighbourId)))
      .map((row) => [row.neighbourId, sharedOf(row)]),
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
      (row) => !keptUnder(row, gate(row.neighbourId)),
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
    // A card handed over face to face is not the server's to withdraw: the document's withdrawal is.
    await rowsOf(deps, householdId)
      .filter((row) => !keep.has(row.neighbourId) && (!row.handedOver || answer === 'refused'))
      .delete();
    await device.neighbourContacts.bulkPut(kept);
  });
  return answer === 'refused' ? 'refused' : 'fetched';
}

/**
 * Keeps the card `neighbourId` handed over in its meeting code, for `householdId`'s screens:
 * only while this device's document says the two are linked (after the reader's 'met', which
 * counts as a yes), and never over details the server gave (they follow the neighbour's current
 * sharing). Resolves to whether it was kept.
 */
export async function keepHandedOverCard(
  deps: NeighbourContactsDeps,
  householdId: string,
  neighbourId: string,
  card: MeetingCard,
): Promise<boolean> {
  const { device, perimeterId } = deps;
  const phone = card.phone?.trim();
  const email = card.email?.trim();
  if (!phone && !email) return false;
  return device.transaction('rw', device.neighbourContacts, async () => {
    if (gatesOf(deps.doc, householdId)(neighbourId) === 'not-linked') return false;
    const held = await device.neighbourContacts.get([perimeterId, householdId, neighbourId]);
    if (held && !held.handedOver) return false;
    await device.neighbourContacts.put({
      perimeterId,
      householdId,
      neighbourId,
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      fetchedAt: deps.now(),
      handedOver: true,
    });
    return true;
  });
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
 * Whether this device's document says some neighbour's details are due (linked, both consented)
 * and the device does not hold them: the server had not seen both yeses when it was last asked.
 */
async function detailsDue(deps: NeighbourContactsDeps, householdId: string): Promise<boolean> {
  const { choices } = choicesAround(deps.doc.getMap(CHOICES_MAP).entries(), householdId);
  const neighbours = new Set(
    [...choices.keys()].flatMap((key) => key.split('/').slice(0, 2)).filter((id) => id !== householdId),
  );
  if (neighbours.size === 0) return false;
  const gate = gatesOf(deps.doc, householdId);
  const held = new Set((await rowsOf(deps, householdId).toArray()).map((row) => row.neighbourId));
  return [...neighbours].some((id) => gate(id) === 'open' && !held.has(id));
}

/**
 * Keeps `householdId`'s neighbours' details current on this device until the returned function
 * is called: drops broken links at every change of the document's choices, or of the profiles of
 * the household and the neighbours it has choices with, and then asks the server again when the
 * change concerns the household; also whenever the browser says the network is back; and, while
 * the document says details are due that the server did not give (`detailsDue`: this device's own
 * yes had not reached the server when the neighbour's yes arrived here, a race of every
 * reconnection), each time the server confirms it stored more of this device's changes. Runs are
 * serialised; changes during a run cause one more run, not one each.
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
  /** Details are due that the last answer lacked: ask again at the server's next "stored". */
  let due = false;

  const run = (refresh: boolean) => {
    if (stopped) return;
    if (running) {
      again = { refresh: refresh || (again?.refresh ?? false) };
      return;
    }
    running = (async () => {
      await forgetBrokenLinks(deps, householdId);
      if (!refresh) return;
      const outcome = await refreshNeighbourContacts(deps, householdId);
      due = (outcome === 'fetched' || outcome === 'unreachable') && (await detailsDue(deps, householdId));
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
  const stopStored = deps.onStored?.(() => {
    if (due) run(true);
  });
  run(true);
  return async () => {
    stopped = true;
    stopStored?.();
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
  | { ok: false; reason: Exclude<RefreshOutcome, 'fetched'>; lastKnown?: ContactSharing };

/** The settings key of the household's sharing as the server last gave it (device-db `Setting`). */
export const sharingKey = (perimeterId: string, householdId: string) =>
  `contactSharing/${perimeterId}/${householdId}` as const;

/**
 * What `householdId` shares and its own phone and e-mail, as the server last said to this device;
 * undefined if it never did (or said since that it no longer answers this credential).
 */
export async function lastKnownSharing(
  deps: Pick<NeighbourContactsDeps, 'device' | 'perimeterId'>,
  householdId: string,
): Promise<ContactSharing | undefined> {
  const row = await deps.device.settings.get(sharingKey(deps.perimeterId, householdId));
  if (!row) return undefined;
  try {
    const parsed = contactSharingSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

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

/**
 * What `householdId` shares now and its own phone and e-mail, as the server keeps them; when the
 * server cannot be reached ('no-network', 'unreachable'), with what it last said (`lastKnown`).
 */
export async function readContactSharing(
  deps: Pick<NeighbourContactsDeps, 'device' | 'http' | 'perimeterId'>,
  householdId: string,
): Promise<SharingOutcome> {
  const read = await sharingCall(deps, householdId, {});
  if (read.ok || (read.reason !== 'no-network' && read.reason !== 'unreachable')) return read;
  const lastKnown = await lastKnownSharing(deps, householdId);
  return lastKnown ? { ...read, lastKnown } : read;
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
  const key = sharingKey(deps.perimeterId, householdId);
  if (answer === 'refused') {
    // No longer this credential's to know: what this device kept of it goes too.
    await deps.device.settings.delete(key);
    return { ok: false, reason: answer };
  }
  if (answer === 'unreachable') return { ok: false, reason: answer };
  const parsed = contactSharingSchema.safeParse(answer.body);
  if (!parsed.success) return { ok: false, reason: 'unreachable' };
  await deps.device.settings.put({ key, value: JSON.stringify(parsed.data) });
  return { ok: true, sharing: parsed.data };
}
