import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, kill, spawnServer, storedDocument } from './child-server';
import {
  type Client,
  connect,
  facilitatorToken,
  perimeterRecord,
  received,
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

/** Storing only when told to, so a kill surely lands before any store. */
const neverStoreOnItsOwn = { TISSAGE_STORE_DEBOUNCE_MS: '60000', TISSAGE_STORE_MAX_DEBOUNCE_MS: '600000' };

describe('the server killed with SIGKILL', () => {
  it('right after a change was received: the reconnecting client brings it back', async () => {
    dataDir = tempDataDir();
    const first = await serve(neverStoreOnItsOwn);
    const { perimeterId, token } = await facilitatorToken({ url: first.url, dataDir });
    const tablet = open(first, perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await received(tablet);

    await kill(first);
    await waitUntil(() => !tablet.provider.isSynced, 'tablet saw the server go');
    // The premise: the change was in the server's memory only.
    expect(storedDocument(dataDir, perimeterId).getMap('meta').has('perimeter')).toBe(false);

    const second = await serve({ ...neverStoreOnItsOwn, TISSAGE_PORT: String(first.port) });
    await waitUntil(() => tablet.provider.isSynced, 'tablet reconnected', 20_000);
    await received(tablet);
    const reader = open(second, perimeterId, token);
    await synced(reader);
    expect(reader.doc.getMap('meta').get('perimeter')).toEqual(perimeterRecord(perimeterId));
  });

  it('right after the "stored" acknowledgement: the change is in the database, no client needed', async () => {
    dataDir = tempDataDir();
    const first = await serve({ TISSAGE_STORE_DEBOUNCE_MS: '50' });
    const { perimeterId, token } = await facilitatorToken({ url: first.url, dataDir });
    const tablet = open(first, perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await waitUntil(() => storedAll(tablet), 'stored acknowledgement');
    tablet.destroy();
    await kill(first);

    expect(storedDocument(dataDir, perimeterId).getMap('meta').get('perimeter')).toEqual(
      perimeterRecord(perimeterId),
    );
    const second = await serve();
    const reader = open(second, perimeterId, token);
    await synced(reader);
    expect(reader.doc.getMap('meta').get('perimeter')).toEqual(perimeterRecord(perimeterId));
  });
});

describe('the server stopped with SIGTERM', () => {
  it('stores every document before exiting with code 0', async () => {
    dataDir = tempDataDir();
    const server = await serve(neverStoreOnItsOwn);
    const { perimeterId, token } = await facilitatorToken({ url: server.url, dataDir });
    const tablet = open(server, perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await received(tablet);

    expect(await kill(server, 'SIGTERM')).toBe(0);
    expect(storedDocument(dataDir, perimeterId).getMap('meta').get('perimeter')).toEqual(
      perimeterRecord(perimeterId),
    );
  });
});
