/**
 * A device never sends a change on a socket before that socket's handshake, even when the socket
 * was replaced without a close event (src/sync/handshake-first-provider.ts).
 *
 * Found by the convergence test after a server SIGKILL: the tablet's HocuspocusProviderWebsocket
 * ran two retry loops (a socket that opened through the link and closed before any message, as a
 * proxy in front of a dead server does), and the later loop replaced the live, synced socket
 * without a close event. The provider still said "synced" on the new socket and sent a change
 * there before the handshake, whose predecessor (made while the socket was connecting) the server
 * did not have: "update refused: invalid" (missing changes), and the tablet rebuilt its document.
 *
 * Here the replacement is made on purpose, the way the forgotten retry loop makes it
 * (`createWebSocketConnection` on a live socket), and the link is paused so that the new socket is
 * open before its handshake can complete: deterministic, on a real server.
 */
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type ServerMessage, parseServerMessage } from '../../src/domain/server-messages';
import { HandshakeFirstProvider } from '../../src/sync/handshake-first-provider';
import {
  BrowserLikeWebSocket,
  type ControllableProxy,
  controllableProxy,
} from '../fixtures/controllable-proxy';
import {
  type Client,
  type TestServer,
  connect,
  facilitatorToken,
  profile,
  startServer,
  stopServer,
} from './helpers';

const OPEN = 1;
/** Retrying waits; generous, for a machine under load. */
const PATIENCE = { timeout: 15_000, interval: 20 };

const opened: {
  provider?: HandshakeFirstProvider;
  socket?: HocuspocusProviderWebsocket;
  observer?: Client;
  proxy?: ControllableProxy;
  server?: TestServer;
}[] = [];

afterEach(async () => {
  for (const { provider, socket, observer, proxy, server } of opened.splice(0).reverse()) {
    observer?.destroy();
    provider?.destroy();
    socket?.destroy();
    await proxy?.close();
    await stopServer(server);
  }
});

it('a socket replaced without a close event carries no change before its own handshake', async () => {
  const server = await startServer();
  opened.push({ server });
  const proxy = await controllableProxy(server.wsUrl);
  opened.push({ proxy });
  const { perimeterId, token } = await facilitatorToken(server);
  const doc = new Y.Doc();
  const messages: ServerMessage[] = [];
  const socket = new HocuspocusProviderWebsocket({
    url: proxy.url,
    WebSocketPolyfill: BrowserLikeWebSocket,
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
    jitter: false,
  });
  const provider = new HandshakeFirstProvider({
    websocketProvider: socket,
    name: `perimeter:${perimeterId}`,
    token,
    document: doc,
    awareness: null,
    onStateless: ({ payload }) => {
      const message = parseServerMessage(payload);
      if (message) messages.push(message);
    },
  });
  opened.push({ socket, provider });
  provider.attach();
  const write = (householdId: string) =>
    doc.getMap('profiles').set(householdId, profile(householdId, householdId));
  // Another tablet, straight to the server: it holds only what the server accepted.
  const observer = connect(server.wsUrl, perimeterId, token);
  opened.push({ observer });
  const serverHas = (householdIds: string[]) =>
    householdIds.every((id) => observer.doc.getMap('profiles').has(id));

  await vi.waitFor(() => expect(provider.isSynced).toBe(true), PATIENCE);
  write('foyer0001');
  await vi.waitFor(() => expect(serverHas(['foyer0001'])).toBe(true), PATIENCE);

  proxy.pause();
  const live = socket.webSocket;
  void socket.createWebSocketConnection();
  // Made while the new socket connects: held back, the server does not have it yet.
  write('foyer0002');
  await vi.waitFor(() => {
    expect(socket.webSocket).not.toBe(live);
    expect(socket.webSocket?.readyState).toBe(OPEN);
  }, PATIENCE);
  // The new socket is open, its handshake held in the link: this change builds on foyer0002.
  write('foyer0003');
  proxy.resume();

  // Before the fix the server refused foyer0003 (its predecessor missing) and the device was cut off.
  await vi.waitFor(() => {
    expect(messages.filter((message) => message.type === 'rejected')).toEqual([]);
    expect(serverHas(['foyer0001', 'foyer0002', 'foyer0003'])).toBe(true);
  }, PATIENCE);
});
