/**
 * documents.sqlite: the perimeters' shared documents, as the SQLite implementation of the
 * DocumentStore and UpdateLog ports (src/server/ports.ts), both in one file.
 *
 * - `documents (name, data)`: each document's stored state, one row per document. The exact table
 *   @hocuspocus/extension-sqlite 4.7 wrote before the update log existed (format version 1), so a
 *   data directory of that time loads as it is.
 * - `updates (sequence, name, data)`: the update log, each update accepted since the stored state.
 *
 * `PRAGMA user_version` holds the format version; the steps below are append-only (never edit one
 * that shipped, add one). A bump means an older server must not open the file.
 *
 * WAL mode lets the admin command work on the file while the server runs; `synchronous = FULL`
 * syncs the WAL on every commit, so a committed append survives a power cut, not only a crash.
 * better-sqlite3 is synchronous: each method but `append` has finished its commit when it
 * returns, and the ports' promises only wrap that; appends are committed in groups (see
 * SqliteUpdateLog).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { purgeSqlite } from './purge';
import type { DocumentPersistence, DocumentStore, LoggedUpdate, UpdateLog } from '../ports';

const FORMAT_STEPS: readonly string[] = [
  // 0 -> 1: what @hocuspocus/extension-sqlite 4.7 creates (its `schema`), kept verbatim.
  `CREATE TABLE IF NOT EXISTS "documents" (
    "name" varchar(255) NOT NULL,
    "data" blob NOT NULL,
    UNIQUE(name)
  )`,
  // 1 -> 2: the update log. AUTOINCREMENT, so a sequence number is never reused after a drop.
  `CREATE TABLE updates (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX updates_by_document ON updates (name, sequence);`,
];

/** The format version this code writes (`PRAGMA user_version` of documents.sqlite). */
export const DOCUMENTS_FORMAT_VERSION = FORMAT_STEPS.length;

/**
 * Opens (or creates) `file` and brings it to DOCUMENTS_FORMAT_VERSION. Synchronous, so that a bad
 * path or a file from a newer server fails the server's start at once. Throws if the file's version
 * is newer than this code's.
 */
export function openSqliteDocuments(file: string): DocumentPersistence {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  const log = new SqliteUpdateLog(db);
  return {
    documents: new SqliteDocumentStore(db),
    log,
    purge: () => {
      // Appends still batched must land first: VACUUM cannot run inside their transaction.
      log.commit();
      purgeSqlite(db);
    },
    close: () => {
      log.commit();
      db.close();
    },
  };
}

class SqliteDocumentStore implements DocumentStore {
  constructor(private readonly db: Database) {}

  async fetch({ documentName }: { documentName: string }): Promise<Uint8Array | null> {
    const row = this.db.prepare('SELECT data FROM documents WHERE name = ?').get(documentName) as
      { data: Buffer } | undefined;
    return row?.data ?? null;
  }

  async store({ documentName, state }: { documentName: string; state: Uint8Array }): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
      )
      .run(documentName, state);
  }

  has(documentName: string): boolean {
    return this.db.prepare('SELECT 1 FROM documents WHERE name = ?').get(documentName) !== undefined;
  }
}

/**
 * Group commit: the appends asked for during one turn of the event loop are committed together at
 * its end, in one transaction, so one sync of the WAL makes them all durable. Each sync blocks the
 * event loop (better-sqlite3 is synchronous) for as long as the disk takes, from a fraction of a
 * millisecond to several on a busy disk; with one per update, that would bound the server to a few
 * hundred updates per second, whatever the number of cores.
 */
class SqliteUpdateLog implements UpdateLog {
  private pending: {
    documentName: string;
    update: Uint8Array;
    resolve(sequence: number): void;
    reject(error: unknown): void;
  }[] = [];

  constructor(private readonly db: Database) {}

  append(documentName: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      // A copy: the caller's bytes may be a view into a network buffer.
      this.pending.push({ documentName, update: update.slice(), resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commit());
    });
  }

  async read(documentName: string): Promise<LoggedUpdate[]> {
    const rows = this.db
      .prepare('SELECT sequence, data FROM updates WHERE name = ? ORDER BY sequence')
      .all(documentName) as { sequence: number; data: Buffer }[];
    return rows.map(({ sequence, data }) => ({ sequence, update: data }));
  }

  async drop(documentName: string, uptoSequence: number): Promise<void> {
    this.db.prepare('DELETE FROM updates WHERE name = ? AND sequence <= ?').run(documentName, uptoSequence);
  }

  has(documentName: string): boolean {
    return this.db.prepare('SELECT 1 FROM updates WHERE name = ? LIMIT 1').get(documentName) !== undefined;
  }

  /** Commits every pending append; each one's promise settles with the transaction's outcome. */
  commit(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const insert = this.db.prepare('INSERT INTO updates (name, data) VALUES (?, ?)');
    let sequences: number[];
    try {
      sequences = this.db.transaction(() =>
        batch.map(({ documentName, update }) => Number(insert.run(documentName, update).lastInsertRowid)),
      )();
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve }, i) => resolve(sequences[i]!));
  }
}

/**
 * A file that extension-sqlite created has its `documents` table and user_version 0: step 0 then
 * changes nothing (IF NOT EXISTS), and the log is added.
 */
function migrate(db: Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > DOCUMENTS_FORMAT_VERSION) {
    throw new Error(
      `${file} is at format version ${current}, newer than this server (${DOCUMENTS_FORMAT_VERSION})`,
    );
  }
  for (let step = current; step < DOCUMENTS_FORMAT_VERSION; step++) {
    db.transaction(() => {
      db.exec(FORMAT_STEPS[step] ?? '');
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}
