/**
 * What this device keeps for itself, apart from any perimeter's shared document:
 * - perimeters: the perimeters this device works on, and which one is open;
 * - contacts: the contact details recorded at sign-up (personal data: they never enter the shared
 *   document, and stay here, visible to the facilitator only, until a later upload);
 * - scans: where each household stands in its catalogue scan on this tablet;
 * - access: the credential this device syncs a perimeter with, and in which role;
 * - syncState: what the server last said it had stored, so the count of changes waiting is right
 *   even after a restart with no network;
 * - errors: the errors nobody was waiting for, newest kept (see error-log.ts);
 * - drafts: sign-up forms in progress, each kept for the household that started it (drafts.ts);
 * - neighbourContacts: the details a linked neighbour shares, as the server last gave them, for
 *   use offline (workspace/neighbour-contacts.ts); dropped as soon as the link no longer holds;
 * - meetingsSeen: the neighbours' meeting codes this device already read (domain/meeting-code.ts
 *   `seenKey`), so the same code read twice is a replay: this device's own, never shared.
 * This is the only copy of contacts, scans and drafts, so every write is `strict`: reported complete
 * only once on disk, because the UI moves on when it is.
 *
 * Schema versions are append-only: add a `version(n + 1)` with its upgrade, never edit a past one.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Contact, Language } from '../domain';
import type { BackgroundTask } from '../domain/device-errors';

export interface DevicePerimeter {
  id: string;
  name: string;
  addedAt: string;
}

export interface Setting {
  /**
   * 'currentPerimeter': the perimeter this device works on. `neighboursSeen/<perimeter>/<household>`:
   * when the household last opened its links here (ISO 8601), so the home counts the requests
   * since; a hint only, device-local, no index (so no schema step). `contactSharing/<perimeter>/
   * <household>`: what the household shares and its own phone and e-mail as the server last said
   * (JSON of domain `ContactSharing`), shown when the server cannot be reached and put in a meeting
   * code's card when the household chooses to (workspace/neighbour-contacts.ts).
   * `retentionMonths/<perimeter>`: on a facilitator's tablet, the months with no news after which
   * the retention screen lists a household (a positive integer as text; 24 when absent,
   * workspace/rights-services.ts). `keptForm/<perimeter or 'device'>/<form>`: a form typed and not
   * sent yet, as JSON (kept-forms.ts).
   */
  key:
    | 'currentPerimeter'
    | `neighboursSeen/${string}`
    | `contactSharing/${string}`
    | `retentionMonths/${string}`
    | `keptForm/${string}`;
  value: string;
}

export type ContactRow = Contact & {
  householdId: string;
  perimeterId: string;
  updatedAt: string;
  /** When the server stored them; until then they exist on this tablet only. */
  uploadedAt?: string;
};

export interface AccessRow {
  perimeterId: string;
  role: 'facilitator' | 'household';
  token: string;
  /** The household this device speaks for, in the household role. */
  householdId: string | null;
  joinedAt: string;
}

export interface SyncStateRow {
  perimeterId: string;
  /** Y.encodeStateVector of what the server last acknowledged as stored. */
  storedStateVector: Uint8Array;
  storedAt: string;
}

export interface ScanRow {
  householdId: string;
  perimeterId: string;
  sessionId: string | null;
  /** The idea on screen; undefined before the first one. */
  ideaId: string | undefined;
  /** Set only once every idea of the scan was seen (not merely skipped past). */
  finishedAt: string | null;
  updatedAt: string;
  /**
   * The ideas shown to the household on this device, in the order they were left. Absent from
   * rows written before it was kept: their answers still count as seen (domain/scan.ts seenIdeas).
   */
  seen?: string[];
}

/** One error nobody was waiting for: no message, which could quote personal data. */
export interface ErrorRow {
  /** Auto-incremented: the order errors came in. */
  id?: number;
  at: string;
  task: BackgroundTask;
  /** The error's `name` ("QuotaExceededError", "AbortError"…), or 'unknown'. */
  kind: string;
}

/**
 * A sign-up form in progress on this tablet, kept for the household that started it only: it is
 * listed by its name and opened when someone chooses it, never shown to whoever opens the form
 * next. Consent is not kept: it must be given again, by a tick, when the form is resumed (GDPR
 * art. 7: consent is an affirmative act of the person, and a tick left from earlier is not one).
 */
export interface DraftRow {
  id: string;
  perimeterId: string;
  sessionId: string;
  name: string;
  place: string;
  languages: Language[];
  witnesses: string[];
  /** Personal data, like the contacts table: on this tablet only, gone with the draft. */
  contact: { phone: string; email: string; flat: string };
  startedAt: string;
  updatedAt: string;
}

/**
 * A linked neighbour's contact details, as the server gave them to `householdId` (the household
 * this phone speaks for, or one a facilitator acts for): personal data, never in the shared
 * document. Only what the neighbour shares: either field may be absent.
 */
export interface NeighbourContactRow {
  perimeterId: string;
  householdId: string;
  neighbourId: string;
  phone?: string;
  email?: string;
  /** When the server last gave them, or when the neighbour's meeting code handed them over. */
  fetchedAt: string;
  /**
   * Handed over face to face in the neighbour's meeting code (its card, which the neighbour chose
   * to include), not given by the server: kept while the two are linked even if one did not
   * consent at sign-up, dropped with a withdrawal. No index, so no schema step.
   */
  handedOver?: true;
}

/** A neighbour's meeting code this device read and recorded (storage/meetings-seen.ts). */
export interface MeetingSeenRow {
  perimeterId: string;
  /** `Meeting.seenKey`: the neighbour's household and the code's nonce tag. */
  key: string;
  /** When this device recorded the meeting. */
  at: string;
}

export type DeviceDb = Dexie & {
  perimeters: EntityTable<DevicePerimeter, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  contacts: EntityTable<ContactRow, 'householdId'>;
  scans: EntityTable<ScanRow, 'householdId'>;
  access: EntityTable<AccessRow, 'perimeterId'>;
  syncState: EntityTable<SyncStateRow, 'perimeterId'>;
  errors: EntityTable<ErrorRow, 'id'>;
  drafts: EntityTable<DraftRow, 'id'>;
  neighbourContacts: Table<NeighbourContactRow, [string, string, string]>;
  meetingsSeen: Table<MeetingSeenRow, [string, string]>;
};

export const DEVICE_DB_NAME = 'tissage-device';

export function openDeviceDb(name = DEVICE_DB_NAME): DeviceDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as DeviceDb;
  db.version(1).stores({
    perimeters: 'id',
    settings: 'key',
    contacts: 'householdId, perimeterId',
    scans: 'householdId, perimeterId',
  });
  db.version(2).stores({
    access: 'perimeterId',
    syncState: 'perimeterId',
  });
  // Version 3 adds the error log; nothing to carry over.
  db.version(3).stores({
    errors: '++id',
  });
  // Version 4 adds the sign-up drafts (before, a draft lived in sessionStorage): nothing to carry.
  db.version(4).stores({
    drafts: 'id, [perimeterId+sessionId]',
  });
  // Version 5 adds the linked neighbours' contact details (issue 11): nothing to carry over.
  db.version(5).stores({
    neighbourContacts: '[perimeterId+householdId+neighbourId], [perimeterId+householdId]',
  });
  // Version 6 adds the meeting codes read face to face (issue 11): nothing to carry over.
  db.version(6).stores({
    meetingsSeen: '[perimeterId+key], perimeterId',
  });
  return db;
}
