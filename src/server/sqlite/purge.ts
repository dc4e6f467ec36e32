import type { Database } from 'better-sqlite3';

/**
 * Leaves no deleted byte in the database's files: VACUUM rebuilds the database from its live rows
 * only (freed pages, which would otherwise keep deleted values until reused, are dropped), and a
 * TRUNCATE checkpoint copies the WAL into the database and empties the -wal file, which held the
 * old pages' images (https://www.sqlite.org/lang_vacuum.html, https://www.sqlite.org/wal.html).
 * The -shm file holds only the WAL's index, never row content.
 */
export function purgeSqlite(db: Database): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
