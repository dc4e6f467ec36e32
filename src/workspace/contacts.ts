/**
 * A household's contact details for a facilitator's device. They live in the server's private
 * store (never in the shared document); each device keeps its own copy in the device-local
 * `contacts` table: what it recorded itself at sign-up (until uploaded), and what it fetched.
 *
 * Any facilitator device of the perimeter may read them: a second tablet joined with
 * `admin invite` asks the server when a facilitator opens a household's details, keeps what it
 * got, and shows that copy when the server cannot be asked (no network, no answer in time).
 *
 * What must stay true: details recorded on this device and not uploaded yet are newer than the
 * server's; a fetch never overwrites them.
 */
import { type Contact, contactSchema } from '../domain';
import type { DeviceDb } from '../storage/device-db';

/** How long to wait for the server before showing this device's copy. */
const FETCH_TIMEOUT_MS = 10_000;

/**
 * - 'server': the server was asked just now; what shows is what it keeps (or this device's newer
 *   details, not uploaded yet);
 * - 'no-network': this device has no network; what shows is its copy, if any;
 * - 'unreachable': the network is up but the server did not answer (in time); the same copy;
 * - 'device-only': this device is not joined to a server (or is a household's phone).
 */
export type ContactSource = 'server' | 'no-network' | 'unreachable' | 'device-only';

export interface ContactLookup {
  contact: Contact | undefined;
  source: ContactSource;
}

export interface ContactReader {
  device: DeviceDb;
  /** Base of the HTTP API. */
  http: string;
  perimeterId: string;
  now(): string;
}

/** A household's contact details: asked of the server when this device may, else this device's copy. */
export async function readContact(reader: ContactReader, householdId: string): Promise<ContactLookup> {
  const { device, perimeterId } = reader;
  const access = await device.access.get(perimeterId);
  if (access?.role !== 'facilitator')
    return { contact: await localContact(device, householdId), source: 'device-only' };
  const fetched = await fetchContact(reader.http, access.token, householdId);
  if (fetched === 'unreachable') {
    const source = globalThis.navigator?.onLine === false ? 'no-network' : 'unreachable';
    return { contact: await localContact(device, householdId), source };
  }
  const now = reader.now();
  await device.transaction('rw', device.contacts, async () => {
    const local = await device.contacts.get(householdId);
    // Recorded here and not uploaded yet: newer than the server's copy, and uploaded soon.
    if (local && !local.uploadedAt) return;
    // The server keeps nothing: a copy this device has is kept all the same, never lost here.
    if (fetched === 'none') return;
    await device.contacts.put({ ...fetched, householdId, perimeterId, updatedAt: now, uploadedAt: now });
  });
  return { contact: await localContact(device, householdId), source: 'server' };
}

async function localContact(device: DeviceDb, householdId: string): Promise<Contact | undefined> {
  const row = await device.contacts.get(householdId);
  if (!row) return undefined;
  const { phone, email, flat } = row;
  return { phone, email, flat };
}

/** What the server keeps; 'none' when it keeps nothing; 'unreachable' when it could not be asked. */
async function fetchContact(
  http: string,
  token: string,
  householdId: string,
): Promise<Contact | 'none' | 'unreachable'> {
  try {
    const response = await fetch(`${http}/api/contacts/${encodeURIComponent(householdId)}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (response.status === 404) return 'none';
    if (!response.ok) return 'unreachable';
    // What the network sends is checked before it is kept.
    const parsed = contactSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : 'unreachable';
  } catch {
    // No network, no answer in time, or not JSON: this device's copy is what there is.
    return 'unreachable';
  }
}
