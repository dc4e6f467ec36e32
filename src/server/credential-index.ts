/**
 * Household credentials by id, across perimeters (tissage.sqlite `household_credentials`): a phone
 * that holds only a short code derives the credential id from it and asks which perimeter to open.
 * Derived data: the shared documents are the source of truth, and the server copies each
 * document's `credentials` map here when it loads the document and whenever the map changes.
 *
 * What must stay true: no perimeter can take another's credential. Ids derive from secrets, so a
 * second perimeter claiming an id means its facilitator copied it from the first; the first claim
 * (`household_credential_claims`) is the one a lookup finds, for good, and later claims are kept
 * per perimeter but never answer a lookup.
 */
import type { Database } from 'better-sqlite3';
import type { HouseholdCredential } from '../domain';
import type { HouseholdCredentialIndex, IgnoredClaim } from './ports';

export class CredentialIndex implements HouseholdCredentialIndex {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records credentials as a perimeter's document holds them now. A credential that is absent or
   * malformed there counts as revoked, whatever it was before. Returns the ids another perimeter
   * claimed first, for the caller to log: those stay out of lookups for this perimeter.
   */
  record(
    perimeterId: string,
    credentials: Iterable<[string, HouseholdCredential | undefined]>,
  ): IgnoredClaim[] {
    const upsert = this.db.prepare(
      `INSERT INTO household_credentials (perimeter_id, credential_id, household_id, revoked) VALUES (?, ?, ?, ?)
       ON CONFLICT (perimeter_id, credential_id) DO UPDATE SET
         household_id = excluded.household_id, revoked = excluded.revoked`,
    );
    const revoke = this.db.prepare(
      'UPDATE household_credentials SET revoked = 1 WHERE perimeter_id = ? AND credential_id = ?',
    );
    const claim = this.db.prepare(
      `INSERT INTO household_credential_claims (credential_id, perimeter_id, claimed_at) VALUES (?, ?, ?)
       ON CONFLICT (credential_id) DO NOTHING`,
    );
    const claimant = this.db.prepare(
      'SELECT perimeter_id AS perimeterId FROM household_credential_claims WHERE credential_id = ?',
    );
    const claimedAt = this.now().toISOString();
    return this.db.transaction(() => {
      const ignored: IgnoredClaim[] = [];
      for (const [credentialId, credential] of credentials) {
        if (!credential) {
          revoke.run(perimeterId, credentialId);
          continue;
        }
        upsert.run(perimeterId, credentialId, credential.householdId, credential.revoked ? 1 : 0);
        if (claim.run(credentialId, perimeterId, claimedAt).changes > 0) continue;
        const first = (claimant.get(credentialId) as { perimeterId: string }).perimeterId;
        if (first !== perimeterId) ignored.push({ credentialId, perimeterId, claimedBy: first });
      }
      return ignored;
    })();
  }

  /**
   * Where a credential that still counts belongs: in the perimeter that claimed its id first, as
   * long as that perimeter has not revoked it. Undefined otherwise, never another perimeter's.
   */
  lookup(credentialId: string): { perimeterId: string; householdId: string } | undefined {
    return this.db
      .prepare(
        `SELECT c.perimeter_id AS perimeterId, c.household_id AS householdId
         FROM household_credential_claims k
         JOIN household_credentials c
           ON c.perimeter_id = k.perimeter_id AND c.credential_id = k.credential_id
         WHERE k.credential_id = ? AND c.revoked = 0 AND NOT EXISTS (
           SELECT 1 FROM revoked_household_credentials r
           WHERE r.perimeter_id = c.perimeter_id AND r.id = c.credential_id)`,
      )
      .get(credentialId) as { perimeterId: string; householdId: string } | undefined;
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
