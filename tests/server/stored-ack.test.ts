import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_UNAVAILABLE } from '../../src/server/persistence';
import { openSqliteDocuments } from '../../src/server/sqlite/documents';
import { loggedUpdates, storedDocument } from './child-server';
import {
  type Client,
  type TestServer,
  connect,
  facilitatorToken,
  perimeterRecord,
  profile,
  received,
  signUpHousehold,
  startServer,
  stopServer,
  storedAll,
  synced,
  waitUntil,
} from './helpers';

let server: TestServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await stopServer(server);
  server = undefined;
});

function open(perimeterId: string, token: string, doc?: Client['doc']): Client {
  const client = connect(server!.wsUrl, perimeterId, token, doc);
  clients.push(client);
  return client;
}

describe('the "stored" acknowledgement', () => {
  it('arrives once the change is in the update log, long before the debounced store', async () => {
    server = await startServer({ debounce: 60_000, maxDebounce: 120_000 });
    const { perimeterId, token } = await facilitatorToken(server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await waitUntil(() => storedAll(tablet), 'stored acknowledgement');
    expect(storedDocument(server.dataDir, perimeterId, { log: false }).getMap('meta').has('perimeter')).toBe(
      false,
    );
    expect(storedDocument(server.dataDir, perimeterId).getMap('meta').get('perimeter')).toEqual(
      perimeterRecord(perimeterId),
    );
  });

  it('is never claimed for a refused change, which is not logged either', async () => {
    server = await startServer({ debounce: 60_000, maxDebounce: 120_000 });
    const { perimeterId, token } = await facilitatorToken(server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    const phone = open(perimeterId, signUpHousehold(tablet, perimeterId, 'fatima01'));
    signUpHousehold(tablet, perimeterId, 'jean0001');
    await waitUntil(() => storedAll(tablet), 'stored acknowledgement');
    await synced(phone);
    const logged = loggedUpdates(server.dataDir, perimeterId);

    // Another household's profile: forbidden.
    phone.doc.getMap('profiles').set('jean0001', profile('jean0001', 'Pas Jean'));
    await waitUntil(() => phone.messages.some((m) => m.type === 'rejected'), 'rejection');
    expect(storedAll(phone)).toBe(false);
    expect(loggedUpdates(server.dataDir, perimeterId)).toBe(logged);
    expect(storedDocument(server.dataDir, perimeterId).getMap('profiles').get('jean0001')).toMatchObject({
      name: 'jean0001',
    });
  });

  it('is compaction, not a condition of "saved": unloading folds the log into the stored state', async () => {
    server = await startServer({ debounce: 50, budgets: { documentLingerMs: 0 } });
    const { perimeterId, token } = await facilitatorToken(server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await waitUntil(() => storedAll(tablet), 'stored acknowledgement');
    // A small change stays in the log while the document is loaded (persistence.ts compacts when
    // the log grows large); the last device leaving unloads the document, which compacts it.
    tablet.destroy();
    await vi.waitFor(() => expect(loggedUpdates(server!.dataDir, perimeterId)).toBe(0));
    expect(
      storedDocument(server.dataDir, perimeterId, { log: false }).getMap('meta').get('perimeter'),
    ).toEqual(perimeterRecord(perimeterId));
  });

  it('tells a reconnecting client what is already stored, as soon as it connects', async () => {
    // Unloaded as soon as its last connection ends, rather than kept a while (budgets.ts).
    server = await startServer({ debounce: 50, budgets: { documentLingerMs: 0 } });
    const { perimeterId, token } = await facilitatorToken(server);
    const first = open(perimeterId, token);
    await synced(first);
    first.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await received(first);
    // Gone before any acknowledgement could reach it; the last disconnect stores the document, and
    // once the server unloaded it, only the connect-time message can tell the client.
    first.destroy();
    await vi.waitFor(async () => {
      const health = (await (await fetch(`${server!.url}/health`)).json()) as { documents: number };
      expect(health.documents).toBe(0);
    });

    const back = open(perimeterId, token, first.doc);
    await waitUntil(() => storedAll(back), 'stored acknowledgement on connect');
  });
});

describe('an update the log cannot make durable (a full disk)', () => {
  it('is neither applied, forwarded nor acknowledged; the device resends it once storage works again', async () => {
    let failing = false;
    server = await startServer({
      openDocuments: (file) => {
        const sqlite = openSqliteDocuments(file);
        const append = sqlite.log.append.bind(sqlite.log);
        sqlite.log.append = async (name, update) => {
          if (failing) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          return append(name, update);
        };
        return sqlite;
      },
    });
    const { perimeterId, token } = await facilitatorToken(server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    const phone = open(perimeterId, signUpHousehold(tablet, perimeterId, 'fatima01'));
    await waitUntil(() => storedAll(tablet), 'stored acknowledgement');
    await synced(phone);

    failing = true;
    signUpHousehold(tablet, perimeterId, 'jean0001');
    await waitUntil(() => tablet.socketCloses.includes(STORAGE_UNAVAILABLE.code), 'socket closed');
    expect(storedAll(tablet)).toBe(false);
    expect(phone.doc.getMap('profiles').has('jean0001')).toBe(false);
    expect(tablet.messages.some((m) => m.type === 'rejected')).toBe(false);

    failing = false;
    await waitUntil(() => storedAll(tablet), 'stored after storage came back');
    await waitUntil(() => phone.doc.getMap('profiles').has('jean0001'), 'the neighbour received it');
    expect(storedDocument(server.dataDir, perimeterId).getMap('profiles').has('jean0001')).toBe(true);
  });
});
