import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ChildServer, kill, loggedUpdates, spawnServer, storedDocument } from './child-server';
import {
  type Client,
  answerOf,
  connect,
  facilitatorToken,
  perimeterRecord,
  received,
  setAnswer,
  signUpHousehold,
  storedAll,
  synced,
  tempDataDir,
  waitUntil,
} from './helpers';

const clients: Client[] = [];
const servers: ChildServer[] = [];
let dataDir = '';

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) {
    if (server.process.exitCode === null && server.process.signalCode === null) await kill(server);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function serve(env: Record<string, string> = {}): Promise<ChildServer> {
  const server = await spawnServer(dataDir, env);
  servers.push(server);
  return server;
}

function open(server: ChildServer, perimeterId: string, token: string): Client {
  const client = connect(server.wsUrl, perimeterId, token);
  clients.push(client);
  return client;
}

/**
 * A perimeter on `server` and its facilitator's tablet, synced, that has just written the
 * perimeter's record: not yet received nor stored, each test waits for what it is about.
 */
async function tabletOn(
  server: ChildServer,
): Promise<{ perimeterId: string; token: string; tablet: Client }> {
  const { perimeterId, token } = await facilitatorToken({ url: server.url, dataDir });
  const tablet = open(server, perimeterId, token);
  await synced(tablet);
  tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
  return { perimeterId, token, tablet };
}

/** A fresh device on `server`, synced: what the server holds. */
async function readerOn(server: ChildServer, perimeterId: string, token: string): Promise<Client> {
  const reader = open(server, perimeterId, token);
  await synced(reader);
  return reader;
}

/** Storing only when told to, so a kill surely lands before any store. */
const neverStoreOnItsOwn = { TISSAGE_STORE_DEBOUNCE_MS: '60000', TISSAGE_STORE_MAX_DEBOUNCE_MS: '600000' };

describe('the server killed with SIGKILL', () => {
  it('right after a change was received: it is in the update log, no client needed', async () => {
    dataDir = tempDataDir();
    const first = await serve(neverStoreOnItsOwn);
    const { perimeterId, token, tablet } = await tabletOn(first);
    await received(tablet);
    tablet.destroy();

    await kill(first);
    // Never stored (compacted), but logged before the server even answered.
    expect(storedDocument(dataDir, perimeterId, { log: false }).getMap('meta').has('perimeter')).toBe(false);
    expect(loggedUpdates(dataDir, perimeterId)).toBeGreaterThan(0);

    const second = await serve(neverStoreOnItsOwn);
    const reader = await readerOn(second, perimeterId, token);
    expect(reader.doc.getMap('meta').get('perimeter')).toEqual(perimeterRecord(perimeterId));
    // Loading folded the log into the stored state.
    expect(loggedUpdates(dataDir, perimeterId)).toBe(0);
    expect(storedDocument(dataDir, perimeterId, { log: false }).getMap('meta').has('perimeter')).toBe(true);
  });

  it("a phone that received a neighbour's change comes back neither refused nor resynced", async () => {
    dataDir = tempDataDir();
    const first = await serve(neverStoreOnItsOwn);
    const { perimeterId, token, tablet } = await tabletOn(first);
    const householdToken = signUpHousehold(tablet, perimeterId, 'jean0001');
    await received(tablet);
    const phone = open(first, perimeterId, householdToken);
    await synced(phone);
    // The neighbour's change, a sign-up on the tablet: the phone holds it from the server, which has
    // not stored it.
    signUpHousehold(tablet, perimeterId, 'marie002');
    await waitUntil(() => phone.doc.getMap('profiles').has('marie002'), 'phone received');
    const phoneState = Y.encodeStateVector(phone.doc);

    await kill(first);
    await waitUntil(() => !phone.provider.isSynced, 'phone saw the server go');
    tablet.destroy();
    // The server is not behind the phone: what it forwarded, it had logged.
    expect(storedDocument(dataDir, perimeterId).getMap('profiles').has('marie002')).toBe(true);
    const second = await serve({ ...neverStoreOnItsOwn, TISSAGE_PORT: String(first.port) });
    await waitUntil(() => phone.provider.isSynced, 'phone reconnected', 20_000);
    await received(phone);

    // Had the server lost the neighbour's change, the phone would have sent it back, under a client
    // id that is not its own, and been refused.
    expect(phone.messages.filter((m) => m.type === 'rejected')).toEqual([]);
    // The phone kept its document, and the server had nothing it lacked.
    expect(Y.encodeStateVector(phone.doc)).toEqual(phoneState);
    setAnswer(phone, 'jean0001', 'cuisine-part-en-plus');
    await waitUntil(() => storedAll(phone), 'stored acknowledgement after the restart');
    const reader = await readerOn(second, perimeterId, token);
    expect(reader.doc.getMap('profiles').has('marie002')).toBe(true);
    expect(answerOf(reader, 'jean0001', 'cuisine-part-en-plus')).toBeDefined();
  });

  it('right after the "stored" acknowledgement: the change is in the database, no client needed', async () => {
    dataDir = tempDataDir();
    const first = await serve({ TISSAGE_STORE_DEBOUNCE_MS: '50' });
    const { perimeterId, token, tablet } = await tabletOn(first);
    await waitUntil(() => storedAll(tablet), 'stored acknowledgement');
    tablet.destroy();
    await kill(first);

    expect(storedDocument(dataDir, perimeterId).getMap('meta').get('perimeter')).toEqual(
      perimeterRecord(perimeterId),
    );
    const second = await serve();
    const reader = await readerOn(second, perimeterId, token);
    expect(reader.doc.getMap('meta').get('perimeter')).toEqual(perimeterRecord(perimeterId));
  });
});

describe('the server stopped with SIGTERM', () => {
  it('stores every document before exiting with code 0', async () => {
    dataDir = tempDataDir();
    const server = await serve(neverStoreOnItsOwn);
    const { perimeterId, tablet } = await tabletOn(server);
    await received(tablet);

    expect(await kill(server, 'SIGTERM')).toBe(0);
    expect(storedDocument(dataDir, perimeterId).getMap('meta').get('perimeter')).toEqual(
      perimeterRecord(perimeterId),
    );
  });
});
