/**
 * Hands WebSocket upgrades on /sync to Hocuspocus. Hocuspocus 4 no longer owns a WebSocket server:
 * its `Server` class pairs crossws with `Hocuspocus.handleConnection` (open), then feeds the
 * returned ClientConnection each message and the close. The same pairing here lets the sync share
 * the one HTTP server (and port) that also serves the app and the API.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import type { Peer } from 'crossws';
import crossws from 'crossws/adapters/node';
import { carriesAwareness, frameProblem } from './frames';
import { log, logBug, logRefusal } from './logger';
import { upgradeUrl } from './request-target';
import type { SocketContext } from './socket-context';

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

export interface GatewayOptions {
  /** The largest frame a socket may send until a role that needs more authenticates on it. */
  firstFrameBytes: number;
  /** Null when `address` may open a socket, or the milliseconds until it may (budgets.ts `admit`). */
  admit(address: string): Promise<number | null>;
  /** Counts a refusal of `address` (budgets.ts `countRefusal`). */
  countRefusal(address: string): void;
}

export function createWebSocketGateway(hocuspocus: Hocuspocus, options: GatewayOptions): WebSocketGateway {
  const connections = new WeakMap<object, ClientConnection>();
  // Sockets closed for a garbage frame: what they send while the close handshake runs is dropped,
  // so one bad socket is one log line.
  const refused = new WeakSet<Peer>();
  const ws = crossws({
    serverOptions: { maxPayload: MAX_MESSAGE_BYTES },
    hooks: {
      open: guarded('WebSocket open', (peer) => {
        const receiver = frameReceiver(peer);
        if (receiver) receiver._maxPayload = Math.min(options.firstFrameBytes, MAX_MESSAGE_BYTES);
        const socket: SocketContext = {
          address: peer.remoteAddress ?? 'unknown',
          closeSocket: (code, reason) => peer.close(code, reason),
          allowFrameBytes: (bytes) => {
            if (receiver)
              receiver._maxPayload = Math.max(receiver._maxPayload, Math.min(bytes, MAX_MESSAGE_BYTES));
          },
        };
        connections.set(
          peer,
          hocuspocus.handleConnection(peer.websocket as WebSocketLike, peer.request as Request, socket),
        );
      }),
      message: guarded('WebSocket message', (peer, message) => {
        if (refused.has(peer)) return;
        // Hocuspocus speaks binary frames only; a text frame would be read as its UTF-8 bytes.
        const bytes = message.uint8Array();
        if (isPong(bytes)) {
          // Hocuspocus cannot read a message without a document address: the gateway takes it.
          const connection = connections.get(peer);
          if (connection) connection.lastMessageReceivedAt = Date.now();
          return;
        }
        const problem = typeof message.rawData === 'string' ? 'text-frame' : frameProblem(bytes);
        if (problem !== undefined) {
          logRefusal('frame', problem, { ...whoIs(peer), bytes: bytes.length });
          refused.add(peer);
          peer.close(INVALID_FRAME, problem);
          return;
        }
        if (carriesAwareness(bytes)) {
          log.debug({ ...whoIs(peer), bytes: bytes.length }, 'awareness dropped');
          return;
        }
        connections.get(peer)?.handleMessage(bytes);
      }),
      close: guarded('WebSocket close', (peer, event) => {
        connections.get(peer)?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' });
      }),
      // `ws` reports what breaks the protocol (an oversized or malformed frame), then closes.
      error: guarded('WebSocket error', (peer, error) => {
        logRefusal('frame', wsErrorReason(error), whoIs(peer));
        options.countRefusal(peer.remoteAddress ?? 'unknown');
        // `ws` has sent its close frame and would read on, and discard, the rest of an oversized
        // frame until the client answers: megabytes a flooding client chose. Cut the TCP socket.
        peer.terminate();
      }),
    },
  });
  const keepAlive = setInterval(() => {
    // crossws groups its peers by namespace; this gateway has one.
    for (const peers of ws.peers.values()) {
      for (const peer of peers) {
        // A throw here would be uncaught (a timer): it ends this socket only.
        try {
          peer.send(PING);
        } catch (error) {
          logBug('keep-alive ping', error, whoIs(peer));
          peer.terminate();
        }
      }
    }
  }, KEEP_ALIVE_MS);
  keepAlive.unref();
  return {
    handleUpgrade(request, socket, head) {
      // Node removes its own error listener from a socket it hands to `upgrade`: without one, a
      // peer that resets the connection before `ws` takes the socket over is an uncaught exception.
      socket.on('error', (error) => log.debug({ err: error }, 'upgrade socket error'));
      try {
        const url = upgradeUrl(request);
        if (url?.pathname !== SYNC_PATH) {
          const [status, reason] = url === undefined ? BAD_REQUEST : NOT_FOUND;
          logRefusal('upgrade', reason, { address: request.socket.remoteAddress });
          socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
          return;
        }
        const address = request.socket.remoteAddress ?? 'unknown';
        options
          .admit(address)
          .then((wait) => {
            if (wait === null) return ws.handleUpgrade(request, socket, head);
            // Before the handshake: a refused client reconnecting at once costs a few bytes.
            logRefusal('upgrade', 'too-many-refusals', { address });
            const retryAfter = Math.ceil(wait / 1000);
            socket.end(
              `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${retryAfter}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
            );
          })
          .catch((error: unknown) => {
            logBug('WebSocket upgrade', error);
            socket.destroy();
          });
      } catch (error) {
        logBug('upgrade listener', error);
        socket.destroy();
      }
    },
    terminateAll() {
      clearInterval(keepAlive);
      ws.closeAll(undefined, undefined, true);
    },
  };
}

/**
 * The frame reader of the `ws` socket under a crossws peer, whose frame limit is per server in
 * `ws`'s options but read per socket, from the frame's header, before its payload is buffered
 * (ws 8 `Receiver.haveLength`, closing with 1009). Private fields of crossws 0.4 (`_internal.ws`)
 * and ws 8 (`_receiver._maxPayload`), pinned by tests/server/budgets.test.ts: without them every
 * socket may send frames up to MAX_MESSAGE_BYTES, each read whole before any check.
 */
function frameReceiver(peer: Peer): { _maxPayload: number } | undefined {
  const ws = (peer as unknown as { _internal?: { ws?: { _receiver?: { _maxPayload?: unknown } } } })._internal
    ?.ws;
  const receiver = ws?._receiver;
  return typeof receiver?._maxPayload === 'number' ? (receiver as { _maxPayload: number }) : undefined;
}

/**
 * Hocuspocus's connection-level Ping and Pong (`MessageType` 9 and 10, one byte, no document
 * address). The app's provider has no awareness (extensions/message-budget.ts), and awareness
 * renewals were what kept an idle connection alive: the provider closes a socket that received
 * nothing for 30 s (`messageReconnectTimeout`) and Hocuspocus one that sent nothing for its
 * `timeout`. The provider answers each Ping with a Pong; Hocuspocus 4.7's server sends no Ping.
 */
const PING = new Uint8Array([9]);
const PONG = 10;
const KEEP_ALIVE_MS = 10_000;

function isPong(bytes: Uint8Array): boolean {
  return bytes.length === 1 && bytes[0] === PONG;
}

/** RFC 6455 §7.4.1: "data within a message that was not consistent with the type of the message". */
const INVALID_FRAME = 1007;

const BAD_REQUEST = ['400 Bad Request', 'unreadable-target'] as const;
const NOT_FOUND = ['404 Not Found', 'not-found'] as const;

/**
 * A crossws hook that cannot throw: an exception is a bug, logged with its stack, and ends only
 * the socket it happened on. crossws calls hooks from `ws` event listeners, where a throw would
 * be uncaught and stop the process.
 */
function guarded<A extends unknown[]>(what: string, hook: (peer: Peer, ...args: A) => void) {
  return (peer: Peer, ...args: A): void => {
    try {
      hook(peer, ...args);
    } catch (error) {
      logBug(what, error, whoIs(peer));
      try {
        peer.terminate();
      } catch (terminateError) {
        logBug(`${what} (terminate)`, terminateError, whoIs(peer));
      }
    }
  };
}

function whoIs(peer: Peer): { socketId: string; address: string | undefined } {
  return { socketId: peer.id, address: peer.remoteAddress };
}

/**
 * What `ws` said (for example "Invalid WebSocket frame: invalid opcode 3"). crossws wraps `ws`'s
 * error as `new WSError(error)`, which keeps only its text, with the original's class name first.
 */
function wsErrorReason(error: Error): string {
  return error.message.replace(/^\w*Error: /, '') || 'websocket-error';
}
