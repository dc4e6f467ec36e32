/**
 * The persistence ports of the sync server: what it needs from storage, stated without naming a
 * database. The shared documents (DocumentStore, UpdateLog) and the private store (PrivateStore).
 * Everything in src/server depends on these interfaces; the SQLite implementations (sqlite/ for
 * the documents, store.ts for the private store) are opened only where the process is composed
 * (server.ts, and the admin command). A deployment with several instances (PostgreSQL for documents
 * and the log, Redis between instances through Hocuspocus's Redis extension) implements the same
 * ports.
 *
 * A perimeter's shared document, as the server holds it, is its stored state followed by every
 * logged update after it (the way y-leveldb and y-redis keep a document: a compacted state plus an
 * update log). Yjs updates are idempotent and commutative, so replaying an update the state already
 * holds changes nothing: this is what makes compaction safe without a transaction across ports.
 */
import type { HouseholdCredential } from '../domain';
import type { ContactShare } from '../domain/contact-sharing';

/**
 * A document's encoded Yjs state (`Y.encodeStateAsUpdate`), stored whole. The same two-function
 * shape as Hocuspocus's `@hocuspocus/extension-database` configuration (`fetch` / `store`), so a
 * store can also be handed to that stock extension as it is.
 */
export interface DocumentStore {
  /** The state last stored under `documentName`, or null if none was ever stored. */
  fetch(data: { documentName: string }): Promise<Uint8Array | null>;
  /** Replaces the stored state; resolves once it is durable (it survives a crash and a power cut). */
  store(data: { documentName: string; state: Uint8Array }): Promise<void>;
  /**
   * Whether a state is stored under `documentName`. Synchronous, because the private store asks it
   * inside its own transaction (`PrivateStore.redeemInvitation`).
   */
  has(documentName: string): boolean;
}

/** One entry of the update log: a Yjs update (v1 encoding) and its place in the log. */
export interface LoggedUpdate {
  /** Increases with each append, across all documents of the log; never reused. */
  sequence: number;
  update: Uint8Array;
}

/**
 * The updates accepted since each document's stored state, in the order they were accepted.
 *
 * Durability contract: `append` resolves only once the update would survive a crash of the
 * process and a power cut (SQLite: committed with `synchronous = FULL`). The server appends an
 * update before it applies, forwards or acknowledges it, so nothing anyone heard of can be lost.
 * If `append` rejects, the update must be refused.
 */
export interface UpdateLog {
  /** Appends `update` to the document's log; resolves with its sequence number once durable. */
  append(documentName: string, update: Uint8Array): Promise<number>;
  /** Every entry of the document's log, in ascending sequence. */
  read(documentName: string): Promise<LoggedUpdate[]>;
  /**
   * Removes the document's entries up to and including `uptoSequence`. Only once a stored state
   * that holds them is durable (compaction): the log is then no longer needed to rebuild them.
   */
  drop(documentName: string, uptoSequence: number): Promise<void>;
  /** Whether the document has any entry. Synchronous for the same reason as `DocumentStore.has`. */
  has(documentName: string): boolean;
}

/** The documents' persistence as the server opens it: both ports, on storage closed together. */
export interface DocumentPersistence {
  documents: DocumentStore;
  log: UpdateLog;
  /**
   * Rewrites the storage so that no byte of a deleted or replaced state or log entry remains in
   * its files (an erasure, GDPR art. 17: persistence.ts `compactAndPurge`). SQLite: VACUUM, then a
   * truncating WAL checkpoint. Optional: an adapter without it leaves freed space to the
   * database's own reuse, and erasure then cannot promise the bytes are gone.
   */
  purge?(): void;
  close(): void;
}

/** A perimeter as the private store keeps it. */
export interface PerimeterRow {
  id: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface PerimeterSummary extends PerimeterRow {
  facilitators: number;
  openInvitations: number;
}

/** A household's contact details: personal data (GDPR art. 4(1)), never in a shared document. */
export interface Contact {
  householdId: string;
  phone?: string | undefined;
  email?: string | undefined;
  flat?: string | undefined;
}

export interface StoredContact extends Contact {
  /** ISO 8601. */
  updatedAt: string;
}

/**
 * A household's own change to what it shares with linked neighbours, and to its own phone or
 * e-mail: undefined leaves a field as it is, null removes it.
 */
export interface OwnContactChange {
  share?: ContactShare | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

export interface FacilitatorCredential {
  perimeterId: string;
  /** SHA-256 of the secret, hex. */
  secretHash: string;
  revoked: boolean;
}

export type Redeemed =
  | { ok: true; perimeter: PerimeterRow; credentialId: string; secret: string }
  | { ok: false; error: 'invitation-invalid' | 'perimeter-in-use' | 'perimeter-taken' };

/** A credential id that a perimeter put in its document while another perimeter held it first. */
export interface IgnoredClaim {
  credentialId: string;
  /** The perimeter that claimed it later, whose claim was ignored. */
  perimeterId: string;
  /** The perimeter a lookup keeps finding. */
  claimedBy: string;
}

/** Which credential owns each Yjs client id of a perimeter (why: src/server/client-ids.ts). */
export interface ClientIdOwners {
  /** The owner of `clientId`: undefined while unbound, null when nobody may extend it. */
  owner(perimeterId: string, clientId: number): string | null | undefined;
  /** Gives each unbound client id to `owner` (null: nobody); bound ones keep their owner. */
  bind(perimeterId: string, clientIds: Iterable<number>, owner: string | null): void;
}

/** Household credentials by id, across perimeters, derived from the documents (credential-index.ts). */
export interface HouseholdCredentialIndex {
  /**
   * Records credentials as a perimeter's document holds them now (absent or malformed: revoked).
   * Returns the ids another perimeter claimed first, which stay out of this perimeter's lookups.
   */
  record(
    perimeterId: string,
    credentials: Iterable<[string, HouseholdCredential | undefined]>,
  ): IgnoredClaim[];
  /** Where a credential that still counts belongs: the perimeter that claimed its id first. */
  lookup(credentialId: string): { perimeterId: string; householdId: string } | undefined;
  /** Whether the perimeter's credentials were ever indexed. */
  has(perimeterId: string): boolean;
}

/**
 * What the server keeps beside the shared documents (tissage.sqlite in the SQLite adapter,
 * store.ts): perimeters, facilitator invitations and credentials, revoked household credentials,
 * contact details, and what it derives from the documents (client id owners, credential index).
 * Secrets and invitation codes are kept only as SHA-256 hashes.
 *
 * Synchronous, as the SQLite adapter is: the rights check binds client ids with no await between
 * the check and Hocuspocus applying the update. A networked adapter needs those callers made async.
 */
export interface PrivateStore {
  readonly clientIds: ClientIdOwners;
  readonly householdCredentials: HouseholdCredentialIndex;
  /** A new perimeter; `id` only for one that already exists elsewhere (an imported export). */
  createPerimeter(name: string, id?: string): PerimeterRow;
  perimeter(id: string): PerimeterRow | undefined;
  perimeters(): PerimeterSummary[];
  /** A one-time facilitator invitation; the code is returned once and only its hash is kept. */
  createInvitation(perimeterId: string): { code: string; expiresAt: string };
  /**
   * Spends an invitation and issues a facilitator credential, optionally attaching a perimeter
   * created offline (`attachPerimeterId`) while the server's perimeter is unused; `hasDocument`
   * says whether a perimeter's shared document exists. A refused redemption leaves it unspent.
   */
  redeemInvitation(
    code: string,
    attachPerimeterId: string | undefined,
    hasDocument: (id: string) => boolean,
  ): Redeemed;
  facilitatorCredential(id: string): FacilitatorCredential | undefined;
  householdCredentialRevoked(perimeterId: string, credentialId: string): boolean;
  /** Revokes a facilitator's credential if the id is one, otherwise records a household's as revoked. */
  revokeCredential(perimeterId: string, credentialId: string): 'facilitator' | 'household';
  /** Stores contact details; returns how many were new or different. */
  upsertContacts(perimeterId: string, contacts: readonly Contact[]): number;
  contact(perimeterId: string, householdId: string): StoredContact | undefined;
  /** What the household chose to share with linked neighbours; undefined if it never chose. */
  contactShare(perimeterId: string, householdId: string): ContactShare | undefined;
  /**
   * Applies a household's own change (its choice of what to share, its phone, its e-mail) in one
   * transaction; its other details (the flat) stay as they are.
   */
  changeOwnContact(perimeterId: string, householdId: string, change: OwnContactChange): void;
  /**
   * Erases a household's private data (GDPR art. 17): its contact details and its sharing choice
   * are deleted, and each of `credentialIds` is recorded as revoked, in one transaction; then the
   * store is rewritten so that the deleted bytes are gone from its files (SQLite: VACUUM and a
   * truncating WAL checkpoint).
   */
  eraseHousehold(perimeterId: string, householdId: string, credentialIds: readonly string[]): void;
  close(): void;
}
