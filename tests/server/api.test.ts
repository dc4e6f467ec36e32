import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { householdCredentialId } from '../../src/domain';
import { ServerStore } from '../../src/server/store';
import { formatToken, newId, sha256hex } from '../../src/server/tokens';
import {
  at,
  facilitatorToken,
  postJson,
  profile,
  received,
  signUpHousehold,
  startServer,
  storedAll,
  synced,
  waitUntil,
  serverPerTest,
} from './helpers';

const ctx = serverPerTest();

function invitation(name = 'Quartier des Lilas'): { perimeterId: string; code: string } {
  const store = ServerStore.open(ctx.server.dataDir);
  try {
    const perimeter = store.createPerimeter(name);
    return { perimeterId: perimeter.id, code: store.createInvitation(perimeter.id).code };
  } finally {
    store.close();
  }
}

function redeem(body: object): Promise<Response> {
  return postJson(`${ctx.server.url}/api/invitations/redeem`, body);
}

function getContact(householdId: string, token: string): Promise<Response> {
  return fetch(`${ctx.server.url}/api/contacts/${householdId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

describe('redeeming a facilitator invitation', () => {
  it('gives a facilitator token once, then refuses the same code', async () => {
    const { perimeterId, code } = invitation();
    const response = await redeem({ code });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { perimeterId: string; perimeterName: string; token: string };
    expect(body).toMatchObject({ perimeterId, perimeterName: 'Quartier des Lilas' });
    expect(body.token).toMatch(new RegExp(`^v1\\.f\\.${perimeterId}\\.[a-z0-9]+\\.[a-z2-7]{26}$`));

    const again = await redeem({ code });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: 'invitation-invalid' });
    expect((await redeem({ code: 'not a code' })).status).toBe(400);
  });

  it('attaches a perimeter created offline: the server perimeter takes the tablet id', async () => {
    const { code } = invitation();
    const response = await redeem({ code, attachPerimeterId: 'tablet-perimeter-1' });
    const body = (await response.json()) as { perimeterId: string; token: string };
    expect(body.perimeterId).toBe('tablet-perimeter-1');
    const tablet = ctx.connect('tablet-perimeter-1', body.token);
    await synced(tablet);

    // Another perimeter cannot take an id already in use.
    const taken = await redeem({
      code: invitation('Les Tilleuls').code,
      attachPerimeterId: 'tablet-perimeter-1',
    });
    expect(taken.status).toBe(409);
  });

  it('refuses to attach a perimeter already in use, and keeps the code usable', async () => {
    const { perimeterId, code } = invitation();
    const first = (await (await redeem({ code })).json()) as { token: string };
    const tablet = ctx.connect(perimeterId, first.token);
    await synced(tablet);

    const store = ServerStore.open(ctx.server.dataDir);
    const second = store.createInvitation(perimeterId).code;
    store.close();
    const refused = await redeem({ code: second, attachPerimeterId: 'tablet-perimeter-2' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: 'perimeter-in-use' });
    expect((await redeem({ code: second })).status).toBe(200);
  });
});

describe('looking a household credential up', () => {
  /** What a tablet writes at a sign-up, into `doc`, with an id derived from the secret as in the app. */
  async function issue(doc: Y.Doc, householdId: string): Promise<string> {
    const secret = newId(); // 16 letters of the id alphabet, like a household secret
    const credentialId = await householdCredentialId(secret, async (text) => sha256hex(text));
    doc.transact(() => {
      doc.getMap('profiles').set(householdId, profile(householdId, householdId));
      doc
        .getMap('credentials')
        .set(credentialId, { householdId, secretHash: sha256hex(secret), issuedAt: at, revoked: false });
    });
    return credentialId;
  }

  function lookup(credentialId: string): Promise<Response> {
    return fetch(`${ctx.server.url}/api/credentials/${credentialId}`);
  }

  it('answers once the tablet synced the credential, and no longer once it is revoked', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    // Issued while the tablet is offline: the server cannot know it yet.
    const offline = new Y.Doc();
    const fatima = await issue(offline, 'fatima01');
    const jean = await issue(offline, 'jean0001');
    const before = await lookup(fatima);
    expect(before.status).toBe(404);
    expect(await before.json()).toEqual({ error: 'unknown-credential' });

    const tablet = ctx.connect(perimeterId, token, offline);
    await received(tablet);
    const found = await lookup(fatima);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ perimeterId, householdId: 'fatima01' });

    // Revoked in the shared document by a tablet, or through the API.
    const credential = offline.getMap('credentials').get(fatima) as object;
    offline.getMap('credentials').set(fatima, { ...credential, revoked: true });
    await received(tablet);
    expect((await lookup(fatima)).status).toBe(404);
    await postJson(`${ctx.server.url}/api/credentials/revoke`, { credentialId: jean }, token);
    expect((await lookup(jean)).status).toBe(404);
    expect((await lookup('not an id')).status).toBe(404);
  });

  it('stays with the perimeter that claimed it first when a facilitator of another copies it', async () => {
    const a = await facilitatorToken(ctx.server, 'Quartier des Lilas');
    const c = await facilitatorToken(ctx.server, 'Cité des Roses');
    const tabletA = ctx.connect(a.perimeterId, a.token);
    const tabletC = ctx.connect(c.perimeterId, c.token);
    await synced(tabletA);
    await synced(tabletC);
    const secret = newId();
    const credentialId = await householdCredentialId(secret, async (text) => sha256hex(text));
    const credential = {
      householdId: 'fatima01',
      secretHash: sha256hex(secret),
      issuedAt: at,
      revoked: false,
    };
    tabletA.doc.transact(() => {
      tabletA.doc.getMap('profiles').set('fatima01', profile('fatima01', 'Fatima'));
      tabletA.doc.getMap('credentials').set(credentialId, credential);
    });
    await received(tabletA);
    expect(await (await lookup(credentialId)).json()).toEqual({
      perimeterId: a.perimeterId,
      householdId: 'fatima01',
    });

    // C's facilitator copies A's credential (and a profile for it) into C's document.
    tabletC.doc.transact(() => {
      tabletC.doc.getMap('profiles').set('fatima01', profile('fatima01', 'Fatima'));
      tabletC.doc.getMap('credentials').set(credentialId, credential);
    });
    await received(tabletC);
    const found = await lookup(credentialId);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ perimeterId: a.perimeterId, householdId: 'fatima01' });
    // A's household still joins its own perimeter with its code.
    const phone = ctx.connect(
      a.perimeterId,
      formatToken({ kind: 'household', perimeterId: a.perimeterId, credentialId, secret }),
    );
    await synced(phone);
    // The later claim is ignored, and reported for the log, whenever C's document is indexed.
    const store = ServerStore.open(ctx.server.dataDir);
    try {
      expect(store.householdCredentials.record(c.perimeterId, [[credentialId, credential]])).toEqual([
        { credentialId, perimeterId: c.perimeterId, claimedBy: a.perimeterId },
      ]);
    } finally {
      store.close();
    }

    // Revoked in A: the lookup answers nothing, never C's copy.
    tabletA.doc.getMap('credentials').set(credentialId, { ...credential, revoked: true });
    await received(tabletA);
    expect((await lookup(credentialId)).status).toBe(404);
  });

  it('knows the credentials of documents stored before the index existed', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const tablet = ctx.connect(perimeterId, token);
    await synced(tablet);
    const credentialId = await issue(tablet.doc, 'fatima01');
    await waitUntil(() => storedAll(tablet), 'stored');
    tablet.destroy();
    await ctx.server.stop();
    const db = new BetterSqlite3(path.join(ctx.server.dataDir, 'tissage.sqlite'));
    db.prepare('DELETE FROM household_credentials').run();
    db.close();

    ctx.replace(await startServer({ dataDir: ctx.server.dataDir }));
    expect(await (await lookup(credentialId)).json()).toEqual({ perimeterId, householdId: 'fatima01' });
  });
});

describe('contacts', () => {
  it('are written by facilitators and read by them or by the household itself', async () => {
    const { perimeterId, token } = await facilitatorToken(ctx.server);
    const tablet = ctx.connect(perimeterId, token);
    await synced(tablet);
    const fatimaToken = signUpHousehold(tablet, perimeterId, 'fatima01');
    const jeanToken = signUpHousehold(tablet, perimeterId, 'jean0001');
    await waitUntil(() => !tablet.provider.hasUnsyncedChanges, 'tablet synced');

    const contacts = [
      { householdId: 'fatima01', phone: '06 12 34 56 78', flat: '3B' },
      { householdId: 'jean0001', email: 'jean@example.org' },
    ];
    const stored = await postJson(`${ctx.server.url}/api/contacts`, { contacts }, token);
    expect(await stored.json()).toEqual({ stored: 2 });
    expect((await postJson(`${ctx.server.url}/api/contacts`, { contacts }, fatimaToken)).status).toBe(403);
    const invalid = [{ householdId: 'fatima01', email: 'not an email' }];
    expect((await postJson(`${ctx.server.url}/api/contacts`, { contacts: invalid }, token)).status).toBe(400);

    const byFacilitator = await getContact('fatima01', token);
    expect(await byFacilitator.json()).toMatchObject({
      householdId: 'fatima01',
      phone: '06 12 34 56 78',
      flat: '3B',
    });
    const byHousehold = await getContact('fatima01', fatimaToken);
    expect(byHousehold.status).toBe(200);
    expect((await getContact('fatima01', jeanToken)).status).toBe(403);
    expect((await getContact('fatima01', 'v1.f.nope')).status).toBe(401);
    expect((await getContact('nobody01', token)).status).toBe(404);

    const other = await facilitatorToken(ctx.server, 'Les Tilleuls');
    expect((await getContact('fatima01', other.token)).status).toBe(404);
  });
});
