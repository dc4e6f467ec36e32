/**
 * tissage.sqlite: what the server keeps beside the shared documents. Perimeters, facilitator
 * invitations and credentials, revoked household credentials, and the households' contact details,
 * which are personal data and never enter a shared document. Secrets and invitation codes are kept
 * only as SHA-256 hashes. Also what the server derives from the documents: who owns each Yjs client
 * id (ClientIds) and the household credential index (CredentialIndex).
 *
 * WAL mode lets the admin command work on the same file while the server runs; `synchronous = FULL`
 * makes a committed write survive a power cut, not only a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { CONTACT_SHARES, type ContactShare } from '../domain/contact-sharing';
import { ClientIds } from './client-ids';
import { CredentialIndex } from './credential-index';
import { migrate } from './migrations';
import { purgeSqlite } from './sqlite/purge';
import type {
  Contact,
  FacilitatorCredential,
  OwnContactChange,
  PerimeterRow,
  PerimeterSummary,
  PrivateStore,
  Redeemed,
  StoredContact,
} from './ports';
import { newId, newSecret, sha256hex } from './tokens';

const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** The SQLite adapter of the PrivateStore port: tissage.sqlite. */
export class ServerStore implements PrivateStore {
  readonly clientIds: ClientIds;
  readonly householdCredentials: CredentialIndex;

  private constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.clientIds = new ClientIds(db, now);
    this.householdCredentials = new CredentialIndex(db);
  }

  static open(dataDir: string, now: () => Date = () => new Date()): ServerStore {
    fs.mkdirSync(dataDir, { recursive: true });
    const db = new BetterSqlite3(path.join(dataDir, 'tissage.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new ServerStore(db, now);
  }

  close(): void {
    this.db.close();
  }

  /** A new perimeter; `id` only for one that already exists elsewhere (an imported export). */
  createPerimeter(name: string, id = newId()): PerimeterRow {
    const perimeter = { id, name, createdAt: this.timestamp() };
    this.db
      .prepare('INSERT INTO perimeters (id, name, created_at) VALUES (?, ?, ?)')
      .run(perimeter.id, perimeter.name, perimeter.createdAt);
    return perimeter;
  }

  perimeter(id: string): PerimeterRow | undefined {
    return this.db
      .prepare('SELECT id, name, created_at AS createdAt FROM perimeters WHERE id = ?')
      .get(id) as PerimeterRow | undefined;
  }

  perimeters(): PerimeterSummary[] {
    return this.db
      .prepare(
        `SELECT p.id, p.name, p.created_at AS createdAt,
           (SELECT count(*) FROM facilitator_credentials f
             WHERE f.perimeter_id = p.id AND f.revoked_at IS NULL) AS facilitators,
           (SELECT count(*) FROM invitations i
             WHERE i.perimeter_id = p.id AND i.used_at IS NULL AND i.expires_at > ?) AS openInvitations
         FROM perimeters p ORDER BY p.created_at`,
      )
      .all(this.timestamp()) as PerimeterSummary[];
  }

  /** A one-time facilitator invitation; the code is returned once and only its hash is kept. */
  createInvitation(perimeterId: string): { code: string; expiresAt: string } {
    const code = newSecret();
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + INVITATION_LIFETIME_MS).toISOString();
    this.db
      .prepare(
        'INSERT INTO invitations (code_hash, perimeter_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(sha256hex(code), perimeterId, createdAt.toISOString(), expiresAt);
    return { code, expiresAt };
  }

  /**
   * Spends an invitation and issues a facilitator credential. With `attachPerimeterId`, a perimeter
   * created offline on a tablet attaches: the server's perimeter takes the tablet's id. Only while
   * the perimeter is unused: a document stored under the old id would then belong to another
   * perimeter, and facilitator tokens already issued name the old id. A refused redemption leaves
   * the invitation unspent.
   */
  redeemInvitation(
    code: string,
    attachPerimeterId: string | undefined,
    hasDocument: (id: string) => boolean,
  ): Redeemed {
    return this.db.transaction((): Redeemed => {
      const codeHash = sha256hex(code);
      const invitation = this.db
        .prepare(
          'SELECT perimeter_id AS perimeterId, expires_at AS expiresAt, used_at AS usedAt FROM invitations WHERE code_hash = ?',
        )
        .get(codeHash) as { perimeterId: string; expiresAt: string; usedAt: string | null } | undefined;
      const now = this.timestamp();
      if (!invitation || invitation.usedAt !== null || invitation.expiresAt <= now) {
        return { ok: false, error: 'invitation-invalid' };
      }
      let perimeterId = invitation.perimeterId;
      if (attachPerimeterId !== undefined && attachPerimeterId !== perimeterId) {
        const facilitators = this.db
          .prepare('SELECT count(*) AS n FROM facilitator_credentials WHERE perimeter_id = ?')
          .get(perimeterId) as { n: number };
        if (hasDocument(perimeterId) || facilitators.n > 0) return { ok: false, error: 'perimeter-in-use' };
        if (this.perimeter(attachPerimeterId) || hasDocument(attachPerimeterId)) {
          return { ok: false, error: 'perimeter-taken' };
        }
        this.db.prepare('UPDATE perimeters SET id = ? WHERE id = ?').run(attachPerimeterId, perimeterId);
        perimeterId = attachPerimeterId;
      }
      this.db.prepare('UPDATE invitations SET used_at = ? WHERE code_hash = ?').run(now, codeHash);
      const credentialId = newId();
      const secret = newSecret();
      this.db
        .prepare(
          'INSERT INTO facilitator_credentials (id, perimeter_id, secret_hash, created_at) VALUES (?, ?, ?, ?)',
        )
        .run(credentialId, perimeterId, sha256hex(secret), now);
      const perimeter = this.perimeter(perimeterId);
      if (!perimeter) throw new Error(`perimeter ${perimeterId} vanished during redemption`);
      return { ok: true, perimeter, credentialId, secret };
    })();
  }

  facilitatorCredential(id: string): FacilitatorCredential | undefined {
    const row = this.db
      .prepare(
        'SELECT perimeter_id AS perimeterId, secret_hash AS secretHash, revoked_at AS revokedAt FROM facilitator_credentials WHERE id = ?',
      )
      .get(id) as { perimeterId: string; secretHash: string; revokedAt: string | null } | undefined;
    return (
      row && { perimeterId: row.perimeterId, secretHash: row.secretHash, revoked: row.revokedAt !== null }
    );
  }

  householdCredentialRevoked(perimeterId: string, credentialId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM revoked_household_credentials WHERE perimeter_id = ? AND id = ?')
        .get(perimeterId, credentialId) !== undefined
    );
  }

  /**
   * Revokes a credential of the perimeter: a facilitator's if the id is one, otherwise a household's
   * (household credentials live in the shared document, so the server only records the refusal).
   */
  revokeCredential(perimeterId: string, credentialId: string): 'facilitator' | 'household' {
    const now = this.timestamp();
    const facilitator = this.db
      .prepare(
        'UPDATE facilitator_credentials SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND perimeter_id = ?',
      )
      .run(now, credentialId, perimeterId);
    if (facilitator.changes > 0) return 'facilitator';
    this.db
      .prepare(
        'INSERT OR IGNORE INTO revoked_household_credentials (id, perimeter_id, revoked_at) VALUES (?, ?, ?)',
      )
      .run(credentialId, perimeterId, now);
    return 'household';
  }

  /** Stores contact details; returns how many were new or different (the same again changes nothing). */
  upsertContacts(perimeterId: string, contacts: readonly Contact[]): number {
    const upsert = this.db.prepare(
      `INSERT INTO contacts (perimeter_id, household_id, phone, email, flat, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (perimeter_id, household_id) DO UPDATE SET
         phone = excluded.phone, email = excluded.email, flat = excluded.flat, updated_at = excluded.updated_at
       WHERE phone IS NOT excluded.phone OR email IS NOT excluded.email OR flat IS NOT excluded.flat`,
    );
    const now = this.timestamp();
    return this.db.transaction(() => {
      let changed = 0;
      for (const c of contacts) {
        changed += upsert.run(
          perimeterId,
          c.householdId,
          c.phone ?? null,
          c.email ?? null,
          c.flat ?? null,
          now,
        ).changes;
      }
      return changed;
    })();
  }

  contact(perimeterId: string, householdId: string): StoredContact | undefined {
    const row = this.db
      .prepare(
        'SELECT household_id AS householdId, phone, email, flat, updated_at AS updatedAt FROM contacts WHERE perimeter_id = ? AND household_id = ?',
      )
      .get(perimeterId, householdId) as Record<string, string | null> | undefined;
    if (!row) return undefined;
    // Absent fields stay absent rather than null, as in the domain's Contact.
    return Object.fromEntries(
      Object.entries(row).filter(([, value]) => value !== null),
    ) as unknown as StoredContact;
  }

  contactShare(perimeterId: string, householdId: string): ContactShare | undefined {
    const row = this.db
      .prepare('SELECT share FROM contact_shares WHERE perimeter_id = ? AND household_id = ?')
      .get(perimeterId, householdId) as { share: string } | undefined;
    // The table's CHECK keeps other values out; a value from a newer server shares nothing.
    if (!row) return undefined;
    return (CONTACT_SHARES as readonly string[]).includes(row.share) ? (row.share as ContactShare) : 'none';
  }

  /**
   * A household's own change: what it shares, and its phone or e-mail. The flat is kept; a phone
   * or e-mail set to null is removed. A contacts row is created only when a detail is given.
   */
  changeOwnContact(perimeterId: string, householdId: string, change: OwnContactChange): void {
    const now = this.timestamp();
    this.db.transaction(() => {
      if (change.share !== undefined) {
        this.db
          .prepare(
            `INSERT INTO contact_shares (perimeter_id, household_id, share, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (perimeter_id, household_id) DO UPDATE SET
               share = excluded.share, updated_at = excluded.updated_at
             WHERE share IS NOT excluded.share`,
          )
          .run(perimeterId, householdId, change.share, now);
      }
      if (change.phone === undefined && change.email === undefined) return;
      const current = this.contact(perimeterId, householdId);
      const next: Contact = {
        householdId,
        phone: change.phone === undefined ? current?.phone : (change.phone ?? undefined),
        email: change.email === undefined ? current?.email : (change.email ?? undefined),
        flat: current?.flat,
      };
      if (!current && next.phone === undefined && next.email === undefined) return;
      this.upsertContacts(perimeterId, [next]);
    })();
  }

  eraseHousehold(perimeterId: string, householdId: string, credentialIds: readonly string[]): void {
    const now = this.timestamp();
    this.db.transaction(() => {
      for (const table of ['contacts', 'contact_shares'])
        this.db
          .prepare(`DELETE FROM ${table} WHERE perimeter_id = ? AND household_id = ?`)
          .run(perimeterId, householdId);
      const revoke = this.db.prepare(
        'INSERT OR IGNORE INTO revoked_household_credentials (id, perimeter_id, revoked_at) VALUES (?, ?, ?)',
      );
      for (const id of credentialIds) revoke.run(id, perimeterId, now);
    })();
    purgeSqlite(this.db);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}
