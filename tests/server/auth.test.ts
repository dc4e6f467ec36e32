import { describe, expect, it } from 'vitest';
import { formatToken, newId, newSecret, parseToken, sha256hex } from '../../src/server/tokens';
import {
  type Client,
  at,
  facilitatorToken,
  perimeterRecord,
  postJson,
  signUpHousehold,
  synced,
  waitUntil,
  serverPerTest,
} from './helpers';

const ctx = serverPerTest();

function open(perimeterId: string, token: string): Client {
  const client = ctx.connect(perimeterId, token);
  return client;
}

function refused(client: Client): Promise<void> {
  return waitUntil(() => client.authFailure !== undefined, 'authentication failure');
}

describe('connecting to a perimeter', () => {
  it('accepts a facilitator token for its perimeter', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    expect(tablet.authFailure).toBeUndefined();
  });

  it('refuses malformed and wrong tokens', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const forged = formatToken({ ...parseToken(token)!, secret: newSecret() });
    for (const bad of ['', 'nonsense', token.replace('v1.', 'v2.'), forged]) {
      const client = open(perimeterId, bad);
      await refused(client);
      expect(client.provider.isSynced).toBe(false);
    }
  });

  it("refuses a token on another perimeter's document", async () => {
    const lilas = await facilitatorToken(ctx.server, 'Quartier des Lilas');
    const tilleuls = await facilitatorToken(ctx.server, 'Les Tilleuls');
    const intruder = open(tilleuls.perimeterId, lilas.token);
    await refused(intruder);
    expect(intruder.doc.getMap('meta').size).toBe(0);
  });

  it("refuses a facilitator's perimeter record that names another perimeter", async () => {
    const lilas = await facilitatorToken(ctx.server, 'Quartier des Lilas');
    const tilleuls = await facilitatorToken(ctx.server, 'Les Tilleuls');
    const tablet = open(tilleuls.perimeterId, tilleuls.token);
    await synced(tablet);
    // What would make an export of this document pass for one of Lilas.
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(lilas.perimeterId));
    await waitUntil(() => tablet.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(tablet.messages).toContainEqual({ type: 'rejected', reason: 'invalid' });
    const other = open(tilleuls.perimeterId, tilleuls.token);
    await synced(other);
    expect(other.doc.getMap('meta').has('perimeter')).toBe(false);
  });

  it('refuses a facilitator credential revoked through the API', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const other = await facilitatorToken(ctx.server);
    // Revocation is per perimeter: a facilitator of another perimeter cannot revoke this one.
    const credentialId = parseToken(token)!.credentialId;
    const tries = await postJson(`${ctx.server.url}/api/credentials/revoke`, { credentialId }, other.token);
    expect(tries.status).toBe(200);
    await synced(open(perimeterId, token));

    const colleague = await redeemAnother(perimeterId);
    const response = await postJson(`${ctx.server.url}/api/credentials/revoke`, { credentialId }, colleague);
    expect(await response.json()).toEqual({ credentialId, kind: 'facilitator' });
    const client = open(perimeterId, token);
    await refused(client);
    expect(client.authFailure).toBe('revoked');
  });

  it('accepts a household whose credential and profile the tablet synced, and refuses it once revoked', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    const householdToken = signUpHousehold(tablet, perimeterId, 'fatima01');
    await waitUntil(() => !tablet.provider.hasUnsyncedChanges, 'tablet synced');

    const phone = open(perimeterId, householdToken);
    await synced(phone);
    expect(phone.doc.getMap('profiles').has('fatima01')).toBe(true);

    const credentialId = parseToken(householdToken)!.credentialId;
    const credential = tablet.doc.getMap('credentials').get(credentialId) as object;
    tablet.doc.getMap('credentials').set(credentialId, { ...credential, revoked: true });
    // Revoked while connected: the phone is told and its document connection ends.
    await waitUntil(
      () => phone.messages.some((m) => m.type === 'rejected' && m.reason === 'revoked'),
      'revoked',
    );
    const again = open(perimeterId, householdToken);
    await refused(again);
    expect(again.authFailure).toBe('revoked');
  });

  it('refuses a household credential the server has not seen, or whose profile is missing', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    const unknown = formatToken({
      kind: 'household',
      perimeterId,
      credentialId: newId(),
      secret: newSecret(),
    });
    await refused(open(perimeterId, unknown));

    // A credential synced ahead of its profile (records are never deleted, so only this way).
    const credentialId = newId();
    const secret = newSecret();
    tablet.doc.getMap('credentials').set(credentialId, {
      householdId: 'jean0001',
      secretHash: sha256hex(secret),
      issuedAt: at,
      revoked: false,
    });
    const householdToken = formatToken({ kind: 'household', perimeterId, credentialId, secret });
    await waitUntil(() => !tablet.provider.hasUnsyncedChanges, 'tablet synced');
    const phone = open(perimeterId, householdToken);
    await refused(phone);
    expect(phone.authFailure).toBe('unauthorized');
  });
});

/** A second facilitator of the same perimeter, invited by the admin. */
async function redeemAnother(perimeterId: string): Promise<string> {
  const { ServerStore } = await import('../../src/server/store');
  const store = ServerStore.open(ctx.server.dataDir);
  const { code } = store.createInvitation(perimeterId);
  store.close();
  const response = await postJson(`${ctx.server.url}/api/invitations/redeem`, { code });
  return ((await response.json()) as { token: string }).token;
}
