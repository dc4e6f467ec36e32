/**
 * The persistence ports of the sync server: what it needs from storage, stated without naming a
 * database. Everything in src/server depends on these interfaces; the SQLite implementations live
 * in src/server/sqlite/ and are chosen in one place (server.ts). A deployment with several
 * instances (PostgreSQL for documents and the log, Redis between instances through Hocuspocus's
 * Redis extension) implements the same ports.
 *
 * A perimeter's shared document, as the server holds it, is its stored state followed by every
 * logged update after it (the way y-leveldb and y-redis keep a document: a compacted state plus an
 * update log). Yjs updates are idempotent and commutative, so replaying an update the state already
 * holds changes nothing: this is what makes compaction safe without a transaction across ports.
 */

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
  close(): void;
}
