/**
 * Household credentials by id, across perimeters (tissage.sqlite `household_credentials`): a phone
 * that holds only a short code derives the credential id from it and asks which perimeter to open.
 * Derived data: the shared documents are the source of truth, and the server copies each
 * document's `credentials` map here when it loads the document and whenever the map changes.
 */
import type { Database } from 'better-sqlite3';
import type { HouseholdCredential } from '../domain';

export class CredentialIndex {
  constructor(private readonly db: Database) {}

  /**
   * Records credentials as a perimeter's document holds them now. A credential that is absent or
   * malformed there counts as revoked, whatever it was before.
   */
  record(perimeterId: string, credentials: Iterable<[string, HouseholdCredential | undefined]>): void {
    const upsert = this.db.prepare(
      `INSERT INTO household_credentials (perimeter_id, credential_id, household_id, revoked) VALUES (?, ?, ?, ?)
       ON CONFLICT (perimeter_id, credential_id) DO UPDATE SET
         household_id = excluded.household_id, revoked = excluded.revoked`,
    );
    const revoke = this.db.prepare(
      'UPDATE household_credentials SET revoked = 1 WHERE perimeter_id = ? AND credential_id = ?',
    );
    this.db.transaction(() => {
      for (const [credentialId, credential] of credentials) {
        if (credential)
          upsert.run(perimeterId, credentialId, credential.householdId, credential.revoked ? 1 : 0);
        else revoke.run(perimeterId, credentialId);
      }
    })();
  }

  /**
   * Where a credential that still counts belongs. Unknown when two perimeters claim the same id:
   * ids derive from secrets, so only a facilitator who copied another perimeter's credential could
   * cause that, and neither perimeter is then the right answer.
   */
  lookup(credentialId: string): { perimeterId: string; householdId: string } | undefined {
    const rows = this.db
      .prepare(
        `SELECT c.perimeter_id AS perimeterId, c.household_id AS householdId FROM household_credentials c
         WHERE c.credential_id = ? AND c.revoked = 0 AND NOT EXISTS (
           SELECT 1 FROM revoked_household_credentials r
           WHERE r.perimeter_id = c.perimeter_id AND r.id = c.credential_id)
         LIMIT 2`,
      )
      .all(credentialId) as { perimeterId: string; householdId: string }[];
    return rows.length === 1 ? rows[0] : undefined;
  }

  /** Whether the perimeter's credentials were ever indexed (documents stored before the index existed were not). */
  has(perimeterId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM household_credentials WHERE perimeter_id = ? LIMIT 1')
        .get(perimeterId) !== undefined
    );
  }
}
