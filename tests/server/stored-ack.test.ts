import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Client,
  type TestServer,
  connect,
  facilitatorToken,
  perimeterRecord,
  received,
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
  it("arrives after the store and covers the client's own changes", async () => {
    server = await startServer({ debounce: 50 });
    const { perimeterId, token } = await facilitatorToken(server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await waitUntil(() => storedAll(tablet), 'stored acknowledgement');
  });

  it('is not claimed for a change that was only received', async () => {
    server = await startServer({ debounce: 60_000, maxDebounce: 120_000 });
    const { perimeterId, token } = await facilitatorToken(server);
    const tablet = open(perimeterId, token);
    await synced(tablet);
    tablet.doc.getMap('meta').set('perimeter', perimeterRecord(perimeterId));
    await received(tablet);
    expect(storedAll(tablet)).toBe(false);
  });

  it('tells a reconnecting client what is already stored, as soon as it connects', async () => {
    server = await startServer({ debounce: 50 });
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
