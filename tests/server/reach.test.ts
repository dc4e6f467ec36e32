/**
 * PerimeterSync says the server does not answer, as its own state ('unreachable'), when the
 * network is up and yet nothing comes back: a link that stalls on an open connection (silent past
 * the heartbeat bound, while the server pings every 10 s), a connection that never gets a first
 * answer, and a server that is stopped (connections refused). Each comes back to 'online' when the
 * server answers again. The link is tests/fixtures/controllable-proxy.ts, between real sockets.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type ReachLimits, PerimeterSync } from '../../src/sync/perimeter-sync';
import {
  BrowserLikeWebSocket,
  type ControllableProxy,
  controllableProxy,
} from '../fixtures/controllable-proxy';
import { type TestServer, facilitatorToken, startServer, stopServer } from './helpers';

/** Short bounds for a test; the silence still outlasts the server's 10 s ping. */
const REACH: ReachLimits = { answerMs: 1500, silenceMs: 12_000 };
const PATIENCE = { timeout: 30_000, interval: 50 };

const opened: { sync?: PerimeterSync; proxy?: ControllableProxy; server?: TestServer }[] = [];

afterEach(async () => {
  for (const { sync, proxy, server } of opened.splice(0).reverse()) {
    sync?.destroy();
    await proxy?.close();
    await stopServer(server);
  }
});

interface World {
  server: TestServer;
  proxy: ControllableProxy;
  /** Keep-alive pings the server sent through the link so far. */
  pings(): number;
  open(): PerimeterSync;
}

async function world(): Promise<World> {
  const server = await startServer();
  let pings = 0;
  const proxy = await controllableProxy(server.wsUrl, {
    // A connection-level ping is the one-byte message 9 (server/websocket.ts).
    onServerFrame: (frame) => {
      if (frame.length === 1 && frame[0] === 9) pings += 1;
    },
  });
  opened.push({ server }, { proxy });
  const { perimeterId, token } = await facilitatorToken(server);
  const open = () => {
    const sync = new PerimeterSync({
      url: proxy.url,
      perimeterId,
      token,
      doc: new Y.Doc(),
      saveStored: async () => {},
      onRejected: () => {},
      now: () => new Date().toISOString(),
      report: () => {},
      WebSocketPolyfill: BrowserLikeWebSocket,
      reconnect: { delay: 100, maxDelay: 400 },
      reach: REACH,
    });
    opened.push({ sync });
    return sync;
  };
  return { server, proxy, pings: () => pings, open };
}

const connection = (sync: PerimeterSync) => sync.status.get().connection;

describe('the server answers', () => {
  it('an idle connection stays online from one server ping to the next: they come within the bound', async () => {
    const { open, pings } = await world();
    const sync = open();
    await vi.waitFor(() => expect(connection(sync)).toBe('online'), PATIENCE);
    const seen: string[] = [];
    const subscription = sync.status.subscribe(({ connection }) => seen.push(connection));
    // Nothing is written: only the server's keep-alive pings come in, two of them.
    const first = pings();
    await vi.waitFor(() => expect(pings()).toBeGreaterThanOrEqual(first + 2), PATIENCE);
    subscription.unsubscribe();
    expect(seen.filter((state) => state !== 'online')).toEqual([]);
    expect(connection(sync)).toBe('online');
  });
});

describe('whenSynced', () => {
  it('resolves for a document synced already, as for one syncing', async () => {
    const { open } = await world();
    const sync = open();
    await sync.whenSynced();
    // Asked again once synced: the listener that subscribe calls at once must not run first.
    await expect(sync.whenSynced()).resolves.toBeUndefined();
  });
});

describe('the server does not answer, with the network up', () => {
  it('a link that stalls on an open connection: unreachable after the silence, online once it flows', async () => {
    const { proxy, open } = await world();
    const sync = open();
    await vi.waitFor(() => expect(connection(sync)).toBe('online'), PATIENCE);
    proxy.pause();
    const pausedAt = Date.now();
    await vi.waitFor(() => expect(connection(sync)).toBe('unreachable'), PATIENCE);
    // Not before the bound, counted from the last ping heard (at most 10 s before the pause): a
    // silence shorter than the heartbeat is no outage.
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(REACH.silenceMs - 10_000);
    proxy.resume();
    await vi.waitFor(() => expect(connection(sync)).toBe('online'), PATIENCE);
  });

  it('a connection that gets no first answer: connecting, then unreachable after the bound', async () => {
    const { proxy, open } = await world();
    proxy.pause();
    const sync = open();
    expect(connection(sync)).toBe('connecting');
    await vi.waitFor(() => expect(connection(sync)).toBe('unreachable'), PATIENCE);
    proxy.resume();
    await vi.waitFor(() => expect(connection(sync)).toBe('online'), PATIENCE);
  });

  it('a stopped server: unreachable, not connecting for ever', async () => {
    const { server, open } = await world();
    const sync = open();
    await vi.waitFor(() => expect(connection(sync)).toBe('online'), PATIENCE);
    await server.stop();
    await vi.waitFor(() => expect(connection(sync)).toBe('unreachable'), PATIENCE);
  });
});
