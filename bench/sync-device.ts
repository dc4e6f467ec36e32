/**
 * A device as the sync benches run it in Node: its own Y.Doc synced by the app's own PerimeterSync
 * (HandshakeFirstProvider, the app's reconnect backoff, the server's `stored` acknowledgement),
 * over the `ws` package's WebSocket on loopback. It records what the app would only show: every
 * stored vector the server sent, refusals, and the bytes and sockets it used.
 *
 * The browser's `online` and `offline` events, which PerimeterSync listens to on `globalThis`, are
 * given to Node by `simulatedNetwork()`: the benches cut and restore every device's network the way
 * a browser tells the app, through the app's own handlers.
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import * as decoding from 'lib0/decoding';
import net from 'node:net';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { PerimeterSync } from '../src/sync/perimeter-sync';

export interface Traffic {
  /** WebSockets this device opened (the first connection and every reconnection attempt). */
  sockets: number;
  /** When each of them finished its opening handshake (performance.now()). */
  openedAt: number[];
  /** Bytes of the messages received, as the app reads them (inflated when permessage-deflate is on). */
  bytesIn: number;
  /** Bytes read from the TCP sockets, as a data plan counts them: HTTP upgrade and frames included. */
  wireBytesIn: number;
  /** The last `Sec-WebSocket-Extensions` the server answered with ('' when none). */
  extensions: string;
  /** When the largest message so far arrived (performance.now()): a first sync's document. */
  largestAt: number;
  largest: number;
  /** Changes this device sent (sync step 2 or update messages with content): when, how many bytes. */
  changesSent: { at: number; bytes: number }[];
}

/** Hocuspocus message type `Sync`, then y-protocols' sync step 1 (a state vector, no changes). */
const SYNC_MESSAGE = 0;
const SYNC_STEP_1 = 0;
/** An encoded update with no struct and no delete: 0 clients, 0 delete-set clients. */
const EMPTY_UPDATE_BYTES = 2;

/** The Yjs update a provider's outgoing message carries, or undefined for any other message. */
function updateIn(message: unknown): Uint8Array | undefined {
  if (!(message instanceof Uint8Array)) return undefined;
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== SYNC_MESSAGE) return undefined;
    if (decoding.readVarUint(decoder) === SYNC_STEP_1) return undefined;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return undefined;
  }
}

/** The `ws` WebSocket, counting what one device opens, sends and receives. */
function countingWebSocket(traffic: Traffic): new (address: string) => WebSocket {
  return class extends WebSocket {
    constructor(address: string) {
      // Node's http.request option, which `ws` passes on: the TCP socket whose bytes are counted.
      // `ws` offers permessage-deflate (RFC 7692) as browsers do; the server decides.
      super(address, {
        createConnection: ((options: net.NetConnectOpts) =>
          net
            .connect(options)
            .on('data', (chunk: Buffer) => (traffic.wireBytesIn += chunk.length))) as typeof net.connect,
      });
      traffic.sockets++;
      this.once(
        'upgrade',
        (response) => (traffic.extensions = response.headers['sec-websocket-extensions'] ?? ''),
      );
      this.once('open', () => traffic.openedAt.push(performance.now()));
      const send = this.send.bind(this) as (...args: unknown[]) => void;
      this.send = ((message: unknown, ...rest: unknown[]) => {
        const update = updateIn(message);
        if (update && update.length > EMPTY_UPDATE_BYTES)
          traffic.changesSent.push({ at: performance.now(), bytes: update.length });
        send(message, ...rest);
      }) as WebSocket['send'];
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        const size = Array.isArray(data)
          ? data.reduce((sum, part) => sum + part.length, 0)
          : data instanceof ArrayBuffer
            ? data.byteLength
            : data.length;
        traffic.bytesIn += size;
        if (size > traffic.largest) Object.assign(traffic, { largest: size, largestAt: performance.now() });
      });
    }
  };
}

export class Device {
  readonly sync: PerimeterSync;
  readonly traffic: Traffic = {
    sockets: 0,
    openedAt: [],
    bytesIn: 0,
    wireBytesIn: 0,
    extensions: '',
    largest: 0,
    largestAt: 0,
    changesSent: [],
  };
  /** The last state vector the server said it stored, and when it arrived (performance.now()). */
  stored = new Map<number, number>();
  storedAt = 0;
  /** Every acknowledgement received, in order. */
  readonly storedLog: { at: number; vector: Map<number, number> }[] = [];
  /** When the document last changed, by this device or from the server (performance.now()). */
  lastChangeAt = 0;
  readonly refusals: string[] = [];
  private readonly storedListeners = new Set<() => void>();

  constructor(
    wsUrl: string,
    perimeterId: string,
    token: string,
    readonly doc = new Y.Doc(),
  ) {
    this.sync = new PerimeterSync({
      url: wsUrl,
      perimeterId,
      token,
      doc,
      WebSocketPolyfill: countingWebSocket(this.traffic),
      now: () => new Date().toISOString(),
      saveStored: async (stateVector) => {
        this.stored = Y.decodeStateVector(stateVector);
        this.storedAt = performance.now();
        this.storedLog.push({ at: this.storedAt, vector: this.stored });
        for (const listener of [...this.storedListeners]) listener();
      },
      onRejected: (reason) => this.refusals.push(reason),
      report: (task, error) => console.error(`bench device: ${task} failed`, error),
    });
    doc.on('update', () => (this.lastChangeAt = performance.now()));
    this.sync.status.subscribe(({ problem }) => {
      if (problem === 'revoked' && !this.refusals.includes(problem)) this.refusals.push(problem);
    });
  }

  get online(): boolean {
    return this.sync.status.get().connection === 'online';
  }

  /** Whether the server stored every change this device made under its own client id. */
  ownChangesStored(): boolean {
    return (this.stored.get(this.doc.clientID) ?? 0) >= Y.getState(this.doc.store, this.doc.clientID);
  }

  /** Whether the server stored everything this document holds, whoever wrote it. */
  everythingStored(): boolean {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
      if ((this.stored.get(client) ?? 0) < clock) return false;
    }
    return true;
  }

  /** Resolves with the time (performance.now()) of the acknowledgement that makes `stored()` true. */
  whenStored(stored: () => boolean = () => this.ownChangesStored()): Promise<number> {
    return new Promise((resolve) => {
      const check = () => {
        if (!stored()) return;
        this.storedListeners.delete(check);
        resolve(this.storedAt);
      };
      this.storedListeners.add(check);
      check();
    });
  }

  destroy(): void {
    this.sync.destroy();
    this.storedListeners.clear();
  }
}

/**
 * `globalThis.addEventListener` for the browser's `online`/`offline` events, which Node lacks.
 * Install before creating the devices (PerimeterSync subscribes in its constructor); `remove()`
 * after destroying them.
 */
export function simulatedNetwork(): { goOffline(): void; goOnline(): void; remove(): void } {
  if ('addEventListener' in globalThis) throw new Error('globalThis already has addEventListener');
  const target = new EventTarget();
  // One listener pair per device: hundreds are expected here.
  setMaxListeners(10_000, target);
  Object.assign(globalThis, {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  });
  return {
    goOffline: () => target.dispatchEvent(new Event('offline')),
    goOnline: () => target.dispatchEvent(new Event('online')),
    remove() {
      Reflect.deleteProperty(globalThis, 'addEventListener');
      Reflect.deleteProperty(globalThis, 'removeEventListener');
    },
  };
}

/** Polls `condition` every `every` ms; rejects after `timeout` ms. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeout = 60_000,
  every = 10,
): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** SHA-256 of the answers as JSON, keys sorted: equal hashes, equal answers. */
export function answersHash(doc: Y.Doc): string {
  const answers = doc.getMap('answers');
  const keys = [...answers.keys()].sort();
  return createHash('sha256')
    .update(JSON.stringify(keys.map((key) => [key, answers.get(key)])))
    .digest('hex');
}

/** A short, order-independent fingerprint of a state vector, to compare documents cheaply. */
export function vectorKey(vector: Map<number, number>): string {
  return [...vector]
    .sort(([a], [b]) => a - b)
    .map(([client, clock]) => `${client}:${clock}`)
    .join(',');
}
