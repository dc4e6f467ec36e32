/**
 * A phone's copy of its linked neighbours' contact details (workspace/neighbour-contacts.ts), on
 * fake-indexeddb against a real server: stored once both said yes, still shown with the server
 * gone, dropped as soon as the phone's document learns of a withdrawal (even with no network) or
 * the server stops answering for it; what the household shares is set from its phone, and what
 * the server last said of it is kept for when it cannot be reached. A card a neighbour handed over
 * in its meeting code is kept while the two are linked, consent or not, and goes with a withdrawal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type ChoiceValue, type Household, choiceKey } from '../../src/domain';
import { parseToken } from '../../src/server/tokens';
import { type DeviceDb, openDeviceDb } from '../../src/storage/device-db';
import { errorLogger } from '../../src/storage/error-log';
import {
  type NeighbourContactsDeps,
  forgetBrokenLinks,
  keepHandedOverCard,
  keepNeighbourContacts,
  neighbourContact,
  neighbourContactsHeld,
  readContactSharing,
  refreshNeighbourContacts,
  setContactSharing,
} from '../../src/workspace/neighbour-contacts';
import { PerimeterRuntime } from '../../src/workspace/perimeter-runtime';
import { BrowserLikeWebSocket } from '../fixtures/controllable-proxy';
import { testEnv } from '../fixtures/env';
import { freshIndexedDb } from '../fixtures/fresh-indexeddb';
import { catalogue } from '../fixtures/memory-perimeter';
import {
  type Client,
  at,
  facilitatorTablet,
  postJson,
  received,
  serverPerTest,
  signUpHousehold,
  synced,
  waitUntil,
} from './helpers';

const ctx = serverPerTest();
const IDEA = 'pret-perceuse';
const consenting: Partial<Household> = { consent: { dataUse: true, shareContact: true, at } };
const env = testEnv();

let perimeterId = '';
let tabletToken = '';
let aminaToken = '';
let brunoToken = '';
/** Amina's phone: its synced document, its device database. */
let amina: Client;
let bruno: Client;
let aminaDb: DeviceDb;
let stopKeeping: (() => Promise<void>) | undefined;

const open = (token: string): Client => ctx.connect(perimeterId, token);

function choose(phone: Client, owner: string, other: string, value: ChoiceValue): Promise<void> {
  phone.doc.getMap('choices').set(choiceKey(owner, other, IDEA), { value, at, by: 'household' });
  return received(phone);
}

const aminaDeps = (): NeighbourContactsDeps => ({
  device: aminaDb,
  http: ctx.server.url,
  perimeterId,
  doc: amina.doc,
  now: env.now,
});

const storedRow = () => aminaDb.neighbourContacts.get([perimeterId, 'amina001', 'bruno001']);

/** Both said yes, and Amina's phone's document knows it. */
async function link(): Promise<void> {
  await choose(amina, 'amina001', 'bruno001', 'yes');
  await choose(bruno, 'bruno001', 'amina001', 'yes');
  await waitUntil(() => amina.doc.getMap('choices').has(choiceKey('bruno001', 'amina001', IDEA)), 'yes');
}

/** Bruno takes back his consent to share his contact details, and Amina's phone's document knows it. */
async function brunoStopsSharing(): Promise<void> {
  bruno.doc.getMap('profiles').set('bruno001', {
    ...(bruno.doc.getMap('profiles').get('bruno001') as Household),
    consent: { dataUse: true, shareContact: false, at },
  });
  await received(bruno);
  await waitUntil(
    () => (amina.doc.getMap('profiles').get('bruno001') as Household).consent.shareContact === false,
    'consent taken back',
  );
}

afterEach(async () => {
  await stopKeeping?.();
  stopKeeping = undefined;
  aminaDb.close();
});

beforeEach(async () => {
  freshIndexedDb();
  const { tablet, ...facilitator } = await facilitatorTablet(ctx);
  perimeterId = facilitator.perimeterId;
  tabletToken = facilitator.token;
  aminaToken = signUpHousehold(tablet, perimeterId, 'amina001', consenting);
  brunoToken = signUpHousehold(tablet, perimeterId, 'bruno001', consenting);
  await received(tablet);
  const contacts = [
    { householdId: 'amina001', phone: '0611111111', email: 'amina@example.org', flat: '3B' },
    { householdId: 'bruno001', phone: '0622222222', email: 'bruno@example.org', flat: '5A' },
  ];
  expect((await postJson(`${ctx.server.url}/api/contacts`, { contacts }, tabletToken)).status).toBe(200);
  amina = open(aminaToken);
  bruno = open(brunoToken);
  await Promise.all([synced(amina), synced(bruno)]);
  aminaDb = openDeviceDb('amina-phone');
  await aminaDb.access.put({
    perimeterId,
    role: 'household',
    token: aminaToken,
    householdId: 'amina001',
    joinedAt: env.now(),
  });
});

describe("a phone's copy of its linked neighbours' contact details", () => {
  it('says why not before the link, then stores them once both said yes', async () => {
    expect(await refreshNeighbourContacts(aminaDeps(), 'amina001')).toBe('fetched');
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toEqual({ state: 'not-linked' });
    stopKeeping = keepNeighbourContacts(aminaDeps(), 'amina001', errorLogger(aminaDb, env.now));
    await link();
    // The document's change makes the phone ask the server: no refresh called by hand.
    await expect.poll(storedRow, { timeout: 15_000 }).toMatchObject({
      phone: '0622222222',
      email: 'bruno@example.org',
    });
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toEqual({
      state: 'shown',
      contact: { phone: '0622222222', email: 'bruno@example.org' },
      fetchedAt: expect.any(String) as unknown,
    });
    expect(await storedRow()).not.toHaveProperty('flat');
    expect(await neighbourContactsHeld(aminaDeps(), 'amina001')).toEqual(
      new Map([['bruno001', { phone: '0622222222', email: 'bruno@example.org' }]]),
    );
  });

  it('on a phone running the app, arrive once both said yes and go with a withdrawal', async () => {
    const phoneDb = openDeviceDb('amina-app');
    const app = new PerimeterRuntime(
      perimeterId,
      { device: phoneDb, env, catalogue, profile: 'amina-app' },
      { sync: ctx.server.wsUrl, http: ctx.server.url, WebSocketPolyfill: BrowserLikeWebSocket },
    );
    try {
      await app.attach({
        perimeterId,
        role: 'household',
        token: aminaToken,
        householdId: 'amina001',
        joinedAt: env.now(),
      });
      const held = () => phoneDb.neighbourContacts.get([perimeterId, 'amina001', 'bruno001']);
      await link();
      await expect.poll(held, { timeout: 15_000 }).toMatchObject({ phone: '0622222222' });
      await choose(bruno, 'bruno001', 'amina001', 'withdrawn');
      await expect.poll(held, { timeout: 15_000 }).toBeUndefined();
    } finally {
      await app.close();
      phoneDb.close();
    }
  });

  it("asks again once the server stored the phone's own yes, when the neighbour's yes came first", async () => {
    // Every reconnection races: the neighbour's yes arrives from the server before this phone's
    // own yes, sent in the same exchange, is stored there; the server then sees no link yet.
    await choose(bruno, 'bruno001', 'amina001', 'yes');
    await waitUntil(() => amina.doc.getMap('choices').has(choiceKey('bruno001', 'amina001', IDEA)), 'yes');
    const phoneDoc = new Y.Doc();
    Y.applyUpdate(phoneDoc, Y.encodeStateAsUpdate(amina.doc));
    phoneDoc
      .getMap('choices')
      .set(choiceKey('amina001', 'bruno001', IDEA), { value: 'yes', at, by: 'household' });
    let stored = () => {};
    const deps: NeighbourContactsDeps = {
      ...aminaDeps(),
      doc: phoneDoc,
      onStored: (listener) => {
        stored = listener;
        return () => {};
      },
    };
    // Observes the phone's requests, which go to the real server unchanged.
    const requests = vi.spyOn(globalThis, 'fetch');
    try {
      stopKeeping = keepNeighbourContacts(deps, 'amina001', errorLogger(aminaDb, env.now));
      await vi.waitFor(() => expect(requests).toHaveBeenCalledTimes(1));
      await requests.mock.results[0]?.value;
      expect(await neighbourContact(deps, 'amina001', 'bruno001')).toEqual({ state: 'not-fetched' });
      // Now the server stores Amina's yes, and says so to her phone.
      await choose(amina, 'amina001', 'bruno001', 'yes');
      await expect
        .poll(
          () => {
            stored();
            return storedRow();
          },
          { timeout: 15_000 },
        )
        .toMatchObject({ phone: '0622222222' });
    } finally {
      requests.mockRestore();
    }
  });

  it('keeps showing them with the server gone, also after the phone restarts', async () => {
    await link();
    expect(await refreshNeighbourContacts(aminaDeps(), 'amina001')).toBe('fetched');
    await ctx.server.stop();
    expect(await refreshNeighbourContacts(aminaDeps(), 'amina001')).toBe('unreachable');
    aminaDb.close();
    aminaDb = openDeviceDb('amina-phone');
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toMatchObject({
      state: 'shown',
      contact: { phone: '0622222222' },
    });
  });

  it('drops them as soon as the neighbour withdraws', async () => {
    stopKeeping = keepNeighbourContacts(aminaDeps(), 'amina001', errorLogger(aminaDb, env.now));
    await link();
    await expect.poll(storedRow, { timeout: 15_000 }).toBeDefined();
    await choose(bruno, 'bruno001', 'amina001', 'withdrawn');
    await expect.poll(storedRow, { timeout: 15_000 }).toBeUndefined();
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toEqual({ state: 'not-linked' });
  });

  it('drops them when its own household withdraws, even with the server gone', async () => {
    stopKeeping = keepNeighbourContacts(aminaDeps(), 'amina001', errorLogger(aminaDb, env.now));
    await link();
    await expect.poll(storedRow, { timeout: 15_000 }).toBeDefined();
    await ctx.server.stop();
    amina.doc.getMap('choices').set(choiceKey('amina001', 'bruno001', IDEA), {
      value: 'withdrawn',
      at,
      by: 'household',
    });
    await expect.poll(storedRow, { timeout: 15_000 }).toBeUndefined();
  });

  it('drops them when the server no longer answers for the household', async () => {
    await link();
    expect(await refreshNeighbourContacts(aminaDeps(), 'amina001')).toBe('fetched');
    expect(await storedRow()).toBeDefined();
    const credentialId = parseToken(aminaToken)?.credentialId;
    expect(
      (await postJson(`${ctx.server.url}/api/credentials/revoke`, { credentialId }, tabletToken)).status,
    ).toBe(200);
    expect(await refreshNeighbourContacts(aminaDeps(), 'amina001')).toBe('refused');
    expect(await storedRow()).toBeUndefined();
    // The document still says linked: the phone says it has nothing, not that there is no link.
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toEqual({ state: 'not-fetched' });
  });

  it('says when a neighbour did not consent', async () => {
    await link();
    await brunoStopsSharing();
    expect(await refreshNeighbourContacts(aminaDeps(), 'amina001')).toBe('fetched');
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toEqual({ state: 'no-consent' });
    expect(await storedRow()).toBeUndefined();
  });

  it('sets what the household shares from its phone; the neighbour then gets only that', async () => {
    await link();
    const brunoDb = openDeviceDb('bruno-phone');
    await brunoDb.access.put({
      perimeterId,
      role: 'household',
      token: brunoToken,
      householdId: 'bruno001',
      joinedAt: env.now(),
    });
    const brunoDeps = { device: brunoDb, http: ctx.server.url, perimeterId, doc: bruno.doc, now: env.now };
    await waitUntil(() => bruno.doc.getMap('choices').has(choiceKey('amina001', 'bruno001', IDEA)), 'yes');

    expect(await setContactSharing(aminaDeps(), 'amina001', { phone: 'call me' })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'phone', code: 'invalid-phone' }],
    });
    expect(await setContactSharing(aminaDeps(), 'amina001', { share: 'email' })).toEqual({
      ok: true,
      sharing: {
        share: 'email',
        chosen: 'email',
        consented: true,
        phone: '0611111111',
        email: 'amina@example.org',
      },
    });
    expect(await refreshNeighbourContacts(brunoDeps, 'bruno001')).toBe('fetched');
    expect(await neighbourContact(brunoDeps, 'bruno001', 'amina001')).toMatchObject({
      state: 'shown',
      contact: { email: 'amina@example.org' },
    });
    expect(
      (await brunoDb.neighbourContacts.get([perimeterId, 'bruno001', 'amina001']))?.phone,
    ).toBeUndefined();
    // Another household's sharing is not hers to set.
    expect(await setContactSharing(aminaDeps(), 'bruno001', { share: 'none' })).toEqual({
      ok: false,
      reason: 'refused',
    });
    await ctx.server.stop();
    expect(await setContactSharing(aminaDeps(), 'amina001', { share: 'none' })).toEqual({
      ok: false,
      reason: 'unreachable',
    });
    brunoDb.close();
  });

  it('keeps what the household shares as the server last said, for when it cannot be reached', async () => {
    const first = await readContactSharing(aminaDeps(), 'amina001');
    expect(first).toMatchObject({ ok: true, sharing: { share: 'both', phone: '0611111111' } });
    await ctx.server.stop();
    expect(await readContactSharing(aminaDeps(), 'amina001')).toEqual({
      ok: false,
      reason: 'unreachable',
      lastKnown: first.ok ? first.sharing : undefined,
    });
  });

  it('keeps a card handed over face to face while linked, without consent, until a withdrawal', async () => {
    const card = { phone: '06 22 22 22 22' };
    expect(await keepHandedOverCard(aminaDeps(), 'amina001', 'bruno001', card)).toBe(false);
    await link();
    await brunoStopsSharing();
    expect(await keepHandedOverCard(aminaDeps(), 'amina001', 'bruno001', card)).toBe(true);
    // The server gives nothing without both consents, and does not take the card back.
    expect(await refreshNeighbourContacts(aminaDeps(), 'amina001')).toBe('fetched');
    expect(await forgetBrokenLinks(aminaDeps(), 'amina001')).toBe(0);
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toMatchObject({
      state: 'shown',
      contact: card,
    });
    await choose(bruno, 'bruno001', 'amina001', 'withdrawn');
    const withdrawal = () =>
      amina.doc.getMap<{ value: string }>('choices').get(choiceKey('bruno001', 'amina001', IDEA))?.value;
    await waitUntil(() => withdrawal() === 'withdrawn', 'withdrawal');
    expect(await forgetBrokenLinks(aminaDeps(), 'amina001')).toBe(1);
    expect(await neighbourContact(aminaDeps(), 'amina001', 'bruno001')).toEqual({ state: 'not-linked' });
  });
});
