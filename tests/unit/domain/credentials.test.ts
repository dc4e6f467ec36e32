import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatToken,
  householdCredentialId,
  parseToken,
  secretFromShortCode,
  shortCode,
} from '../../../src/domain/credentials';
import { newHouseholdSecret } from '../../../src/workspace/crypto';

const sha256hex = async (text: string) => createHash('sha256').update(text).digest('hex');

describe('household credentials', () => {
  it('reads back every short code it writes, whatever letters the secret drew', () => {
    for (let i = 0; i < 500; i++) {
      const secret = newHouseholdSecret();
      expect(secretFromShortCode(shortCode(secret).toUpperCase().replace(/-/g, ' - '))).toBe(secret);
    }
  });

  it('derives the same credential id from the secret on the tablet and on the phone', async () => {
    const secret = 'abcdefghijkmnpqr';
    const id = await householdCredentialId(secret, sha256hex);
    expect(id).toMatch(/^c[0-9a-f]{15}$/);
    expect(await householdCredentialId(secret, sha256hex)).toBe(id);
    const token = formatToken({ kind: 'household', perimeterId: 'perim001', credentialId: id, secret });
    expect(parseToken(token)).toEqual({
      kind: 'household',
      perimeterId: 'perim001',
      credentialId: id,
      secret,
    });
  });

  it('refuses codes of the wrong length or with letters people confuse', () => {
    expect(secretFromShortCode('abcd-efgh-jkmn')).toBeUndefined();
    expect(secretFromShortCode('abcd-efgh-jkmn-pq0l')).toBeUndefined();
    expect(parseToken('v1.x.perim001.cred0001.abcdefghijkmnpqr')).toBeUndefined();
  });
});
