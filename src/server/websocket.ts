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
// @ts-expect-error -- exported by ws's ES module wrapper (wrapper.mjs), not declared by @types/ws 8.18.
import { PerMessageDeflate } from 'ws';
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

/**
 * permessage-deflate (RFC 7692), which every browser offers and `ws` leaves off by default. A
 * fresh phone's first sync is one message of the whole perimeter (1.4 MB realistic, 7.3 MB worst
 * case) that deflates 8 to 10 times; a tap's change and the server's acknowledgements are tens of
 * bytes, left as they are under `threshold`: deflating them costs CPU and saves nothing.
 *
 * `serverNoContextTakeover` is what makes `threshold` apply: ws 8 compresses every message when the
 * server keeps its context (sender.js `dispatch`). Without takeover each message is deflated on its
 * own; the server's large messages are single whole-document syncs, which lose nothing by it.
 * Memory: `ws` creates a socket's zlib streams at its first compressed message and keeps them until
 * the socket closes (no context takeover only resets them after each message). Deflate with
 * windowBits 15 and memLevel 8 holds about 256 KiB, inflate about 44 KiB (zlib's zconf.h), so 200
 * phones that each had one large message cost about 60 MB at most; a phone that only ever receives
 * small changes never creates the deflate stream. The client keeps its context (it costs the
 * server the same inflate stream either way). Level 6 is zlib's default. `concurrencyLimit` is unbounded on
 * purpose: ws 8.23's shared zlib queue (limiter.js, 10 jobs by default) loses a slot when a socket
 * is closed while one of its messages is being inflated, and after ten such closes no socket's
 * compressed message is ever read again (tests/server/robustness.test.ts froze that way: a client
 * sending garbage is closed mid-stream). zlib's work runs on libuv's thread pool (4 threads by
 * default), which bounds the CPU many joins cost at once anyway.
 *
 * Decompressed size: `ws` counts the inflated bytes against both its deflate extension's
 * `_maxPayload` (while inflating, permessage-deflate.js `inflateOnData`) and the receiver's
 * (receiver.js `decompress`), so a socket's frame limit (`allowFrameBytes`) applies to what a
 * message inflates to, not to its compressed size: a compression bomb is cut at the limit.
 */
export const PER_MESSAGE_DEFLATE = {
  threshold: 1024,
  serverNoContextTakeover: true,
  zlibDeflateOptions: { level: 6, memLevel: 8 },
  concurrencyLimit: Infinity,
} as const;

/**
 * ws 8 keeps one zlib queue per process, sized by the first `PerMessageDeflate` ever constructed
 * (permessage-deflate.js `zlibLimiter`), whether a server's or a client's: built here, at import,
 * so the gateway's unbounded limit holds even when a `ws` client in the same process (a test, a
 * bench) connects first. Exported by ws's ES module wrapper, absent from @types/ws 8.18.
 */
new (PerMessageDeflate as new (options: typeof PER_MESSAGE_DEFLATE) => unknown)(PER_MESSAGE_DEFLATE);

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
    serverOptions: { maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: PER_MESSAGE_DEFLATE },
    hooks: {
      open: guarded('WebSocket open', (peer) => {
        const limits = frameLimits(peer);
        limits.forEach((limit) => (limit._maxPayload = Math.min(options.firstFrameBytes, MAX_MESSAGE_BYTES)));
        const socket: SocketContext = {
          address: peer.remoteAddress ?? 'unknown',
          closeSocket: (code, reason) => peer.close(code, reason),
          allowFrameBytes: (bytes) =>
            limits.forEach(
              (limit) =>
                (limit._maxPayload = Math.max(limit._maxPayload, Math.min(bytes, MAX_MESSAGE_BYTES))),
            ),
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
 * The message limits of the `ws` socket under a crossws peer, which are per server in `ws`'s
 * options but read per socket: the frame reader's, checked against each frame's header before its
 * payload is buffered (ws 8 `Receiver.haveLength`, closing with 1009) and against the inflated
 * bytes, and, when permessage-deflate was negotiated, the extension's, which stops inflating at it
 * (ws 8 `inflateOnData`; without it a small frame could inflate to MAX_MESSAGE_BYTES before the
 * reader's check). Private fields of crossws 0.4 (`_internal.ws`) and ws 8 (`_receiver._maxPayload`,
 * `_extensions['permessage-deflate']._maxPayload`), pinned by tests/server/budgets.test.ts and
 * tests/server/compression.test.ts: without them every socket may send messages up to
 * MAX_MESSAGE_BYTES, each read whole before any check.
 */
function frameLimits(peer: Peer): { _maxPayload: number }[] {
  type Limit = { _maxPayload?: unknown };
  const ws = (
    peer as unknown as {
      _internal?: { ws?: { _receiver?: Limit; _extensions?: Record<string, Limit | undefined> } };
    }
  )._internal?.ws;
  return [ws?._receiver, ws?._extensions?.['permessage-deflate']].filter(
    (limit): limit is { _maxPayload: number } => typeof limit?._maxPayload === 'number',
  );
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
