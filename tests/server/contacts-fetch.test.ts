/**
 * Contact details are kept by the server, not by one tablet: a second facilitator tablet, joined
 * with another invitation (what `admin invite` prints), reads the phone number the first tablet
 * recorded at sign-up and uploaded. It fetches them when asked, keeps them in its device-local
 * store, shows that copy when the server cannot be asked (and says so), and never lets a fetch
 * overwrite details it recorded itself and has not uploaded yet.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DeviceDb, openDeviceDb } from '../../src/storage/device-db';
import { ServerStore } from '../../src/server/store';
import { readContact } from '../../src/workspace/contacts';
import { PerimeterRuntime } from '../../src/workspace/perimeter-runtime';
import { BrowserLikeWebSocket } from '../fixtures/controllable-proxy';
import { testEnv } from '../fixtures/env';
import { freshIndexedDb } from '../fixtures/fresh-indexeddb';
import { catalogue } from '../fixtures/memory-perimeter';
import { must, places, signUpInput } from '../fixtures/workspace';
import { type TestServer, facilitatorToken, postJson, startServer, stopServer } from './helpers';

let server: TestServer;
let first: PerimeterRuntime;
let firstDb: DeviceDb;
let secondDb: DeviceDb;
let perimeterId = '';
let amina = '';
let bruno = '';
const env = testEnv();

/** A second facilitator tablet's credential: a new invitation of the same perimeter, redeemed. */
async function secondTabletToken(): Promise<string> {
  const store = ServerStore.open(server.dataDir);
  const { code } = store.createInvitation(perimeterId);
  store.close();
  const response = await postJson(`${server.url}/api/invitations/redeem`, { code });
  return ((await response.json()) as { token: string }).token;
}

const reader = () => ({ device: secondDb, http: server.url, perimeterId, now: env.now });

beforeAll(async () => {
  freshIndexedDb();
  server = await startServer();
  const joined = await facilitatorToken(server);
  perimeterId = joined.perimeterId;
  firstDb = openDeviceDb('first-tablet');
  first = new PerimeterRuntime(
    perimeterId,
    { device: firstDb, env, catalogue, profile: 'first' },
    { sync: server.wsUrl, http: server.url, WebSocketPolyfill: BrowserLikeWebSocket },
  );
  const tablet = await first.workspace();
  const founders = must(
    await tablet.found({
      name: 'Quartier des Lilas',
      places,
      dwellings: 180,
      founders: [{ name: 'Fatima', place: places[0]! }],
    }),
  );
  await first.attach({
    perimeterId,
    role: 'facilitator',
    token: joined.token,
    householdId: null,
    joinedAt: env.now(),
  });
  const sessionId = must(
    await tablet.openSession({ date: '2026-11-21', place: 'Café', kind: 'cafe', present: founders }),
  );
  amina = must(await tablet.signUp(sessionId, signUpInput('Amina', [founders[0]!])));
  bruno = must(await tablet.signUp(sessionId, { ...signUpInput('Bruno', [founders[0]!]), contact: {} }));
  // Uploaded once the server stored the sign-up: the first tablet's copy is marked so.
  await vi.waitFor(async () => expect((await firstDb.contacts.get(amina))?.uploadedAt).toBeTruthy(), {
    timeout: 15_000,
    interval: 50,
  });

  secondDb = openDeviceDb('second-tablet');
  await secondDb.access.put({
    perimeterId,
    role: 'facilitator',
    token: await secondTabletToken(),
    householdId: null,
    joinedAt: env.now(),
  });
});

afterAll(async () => {
  await first?.close();
  firstDb?.close();
  secondDb?.close();
  await stopServer(server);
});

describe('contact details on a second facilitator tablet', () => {
  it('has none of its own, asks the server, shows the first tablet’s phone number and keeps it', async () => {
    expect(await secondDb.contacts.get(amina)).toBeUndefined();
    const found = await readContact(reader(), amina);
    expect(found).toEqual({ source: 'server', contact: { phone: '0612345678' } });
    expect(await secondDb.contacts.get(amina)).toMatchObject({ perimeterId, phone: '0612345678' });
  });

  it('says the server has none for a household that gave none', async () => {
    expect(await readContact(reader(), bruno)).toEqual({ source: 'server', contact: undefined });
  });

  it('never lets a fetch overwrite details it recorded and has not uploaded yet', async () => {
    await secondDb.contacts.put({
      householdId: amina,
      perimeterId,
      phone: '0700000000',
      updatedAt: env.now(),
    });
    const found = await readContact(reader(), amina);
    expect(found.contact?.phone).toBe('0700000000');
    expect((await secondDb.contacts.get(amina))?.uploadedAt).toBeUndefined();
    // Back to the server's copy, for what follows.
    await secondDb.contacts.delete(amina);
    await readContact(reader(), amina);
  });

  it('a household’s phone, or a tablet on its own, does not ask the server', async () => {
    const phoneDb = openDeviceDb('household-phone');
    await phoneDb.access.put({
      perimeterId,
      role: 'household',
      token: 'x',
      householdId: amina,
      joinedAt: env.now(),
    });
    const found = await readContact({ ...reader(), device: phoneDb }, amina);
    expect(found).toEqual({ source: 'device-only', contact: undefined });
    phoneDb.close();
  });

  it('with the server gone, shows what it kept and says it could not ask', async () => {
    await first.close();
    await server.stop();
    expect(await readContact(reader(), amina)).toEqual({
      source: 'unreachable',
      contact: { phone: '0612345678' },
    });
    expect(await readContact(reader(), bruno)).toEqual({ source: 'unreachable', contact: undefined });
  });
});
