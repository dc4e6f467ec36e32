/**
 * Hands WebSocket upgrades on /sync to Hocuspocus. Hocuspocus 4 no longer owns a WebSocket server:
 * its `Server` class pairs crossws with `Hocuspocus.handleConnection` (open), then feeds the
 * returned ClientConnection each message and the close. The same pairing here lets the sync share
 * the one HTTP server (and port) that also serves the app and the API.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import crossws from 'crossws/adapters/node';

export const SYNC_PATH = '/sync';

/**
 * The largest sync message accepted. A tablet's first sync of a whole perimeter is one message:
 * 500 households × 169 answers, every other answer changed once, encode to 8.2 MB (bench/
 * rights-check.ts). Twice that leaves room; `ws` would otherwise accept 100 MiB.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Not exported by @hocuspocus/server; what `handleConnection` returns. */
type ClientConnection = ReturnType<Hocuspocus['handleConnection']>;

export interface WebSocketGateway {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops every socket at once: for shutdown, after the documents were closed. */
  terminateAll(): void;
}

export function createWebSocketGateway(hocuspocus: Hocuspocus): WebSocketGateway {
  const connections = new WeakMap<object, ClientConnection>();
  const ws = crossws({
    serverOptions: { maxPayload: MAX_MESSAGE_BYTES },
    hooks: {
      open(peer) {
        connections.set(
          peer,
          hocuspocus.handleConnection(peer.websocket as WebSocketLike, peer.request as Request),
        );
      },
      message(peer, message) {
        connections.get(peer)?.handleMessage(message.uint8Array());
      },
      close(peer, event) {
        connections.get(peer)?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' });
      },
      error(peer, error) {
        console.error(`WebSocket error on ${peer.id}:`, error);
      },
    },
  });
  return {
    handleUpgrade(request, socket, head) {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (pathname !== SYNC_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      ws.handleUpgrade(request, socket, head).catch((error: unknown) => {
        console.error('WebSocket upgrade failed:', error);
        socket.destroy();
      });
    },
    terminateAll() {
      ws.closeAll(undefined, undefined, true);
    },
  };
}
