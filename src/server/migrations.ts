/**
 * The schema of tissage.sqlite, as append-only steps: step n takes a database from version n to
 * n + 1. Never edit a step that has shipped; add one. `schema_version` holds how many steps ran.
 *
 * Perimeter ids are referenced with ON UPDATE CASCADE because a perimeter created offline on a
 * tablet attaches by giving the server's perimeter its id (see ServerStore.redeemInvitation).
 */
import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE perimeters (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE invitations (
    code_hash TEXT PRIMARY KEY,
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE TABLE facilitator_credentials (
    id TEXT PRIMARY KEY,
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE TABLE revoked_household_credentials (
    id TEXT NOT NULL,
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    revoked_at TEXT NOT NULL,
    PRIMARY KEY (perimeter_id, id)
  );
  CREATE TABLE contacts (
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    household_id TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    flat TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (perimeter_id, household_id)
  );
  `,
  // Which credential writes under each Yjs client id of a perimeter (see ClientIds), and the index
  // of household credentials that lets a phone find its perimeter from a credential id alone.
  `
  CREATE TABLE client_ids (
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    client_id INTEGER NOT NULL,
    owner TEXT,
    bound_at TEXT NOT NULL,
    PRIMARY KEY (perimeter_id, client_id)
  );
  CREATE TABLE household_credentials (
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    credential_id TEXT NOT NULL,
    household_id TEXT NOT NULL,
    revoked INTEGER NOT NULL,
    PRIMARY KEY (perimeter_id, credential_id)
  );
  CREATE INDEX household_credentials_by_id ON household_credentials (credential_id);
  `,
  // The first perimeter to claim each household credential id: the one a phone's lookup finds
  // (see CredentialIndex). Claims already indexed keep their order of insertion.
  `
  CREATE TABLE household_credential_claims (
    credential_id TEXT PRIMARY KEY,
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    claimed_at TEXT NOT NULL
  );
  INSERT OR IGNORE INTO household_credential_claims (credential_id, perimeter_id, claimed_at)
    SELECT credential_id, perimeter_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM household_credentials ORDER BY rowid;
  `,
  // What each household shares with the neighbours it is linked with (domain/contact-sharing.ts).
  // No row: it never chose, and the default applies (both, if it consented at sign-up).
  `
  CREATE TABLE contact_shares (
    perimeter_id TEXT NOT NULL REFERENCES perimeters (id) ON UPDATE CASCADE,
    household_id TEXT NOT NULL,
    share TEXT NOT NULL CHECK (share IN ('phone', 'email', 'both', 'none')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (perimeter_id, household_id)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to `target` (SCHEMA_VERSION unless a test stops at an earlier step to check
 * the next one over its data), one transaction per step.
 */
export function migrate(db: Database, target = SCHEMA_VERSION): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  )`);
  const row = db.prepare('SELECT version FROM schema_version WHERE id = 1').get() as
    { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `tissage.sqlite is at schema version ${current}, newer than this server (${SCHEMA_VERSION})`,
    );
  }
  const setVersion = db.prepare(
    'INSERT INTO schema_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
  );
  for (let step = current; step < Math.min(target, SCHEMA_VERSION); step++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step] ?? '');
      setVersion.run(step + 1);
    })();
  }
}
