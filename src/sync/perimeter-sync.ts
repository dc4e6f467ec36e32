/**
 * Syncs one perimeter's document with the server whenever a connection exists, and says where
 * things stand in terms a person can act on: no network on this device, a server that does not
 * answer, N changes waiting, sending, or everything stored on the server (and since when).
 *
 * "The server answers" means a message came from it, not that a socket is open: a socket opens to
 * whatever is in between (a proxy, a captive portal) and can stay open while nothing comes back.
 * The server pings every connection (server/websocket.ts, every 10 s), so a silence longer than
 * `silenceMs` means it no longer answers; an attempt that closes before any message, or that gets
 * no message within `answerMs`, means it does not answer.
 *
 * "Stored" is the server's own acknowledgement, sent after it wrote the document to its database
 * (Hocuspocus itself only acknowledges receipt). It is kept on this device, so a tablet restarted
 * with no network still counts what the server does not have.
 *
 * A refused change (the server neither applies nor forwards it) leaves this document ahead of the
 * server forever; the owner of this object must rebuild the document from the server's copy, so
 * `onRejected` hands the decision over rather than retrying.
 */
import { type HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { ReportError } from '../domain/device-errors';
import { base64ToBytes, parseServerMessage } from '../domain/server-messages';
import { type Cell, cell } from './cell';
import { HandshakeFirstProvider } from './handshake-first-provider';
import type { Connection, ConnectionStatus } from './sync-status';
import { changesWaiting } from './waiting';

export interface SyncOptions {
  /** WebSocket address of the sync server, e.g. wss://example.org/sync. */
  url: string;
  perimeterId: string;
  token: string;
  doc: Y.Doc;
  saveStored(stateVector: Uint8Array, at: string): Promise<void>;
  onRejected(reason: 'forbidden' | 'invalid'): void;
  now(): string;
  /** Hears of failures no caller waits for (saving an acknowledgement, a reconnection). */
  report: ReportError;
  /** Node has no WebSocket of its own: tests pass the `ws` package's. */
  WebSocketPolyfill?: unknown;
  /** How long to wait before asking again when the server does not accept the credential yet. */
  retryUnauthorizedMs?: number;
  /** Reconnection backoff in milliseconds (defaults: 1 s, growing to 30 s): tests go faster. */
  reconnect?: ReconnectDelays;
  /** Bounds of "the server does not answer" (defaults: `REACH_LIMITS`). */
  reach?: ReachLimits;
}

/** How long a silence may last before the server counts as not answering. */
export interface ReachLimits {
  /** From the start of an attempt to the server's first message. */
  answerMs: number;
  /** Between two messages on an open connection: more than two of the server's 10 s pings. */
  silenceMs: number;
}

export const REACH_LIMITS: ReachLimits = { answerMs: 10_000, silenceMs: 25_000 };

export interface ReconnectDelays {
  /** The first wait after a dropped connection, and the least any wait may be. */
  delay: number;
  maxDelay: number;
}

export class PerimeterSync {
  readonly status: Cell<ConnectionStatus>;
  private storedVector: Map<number, number>;
  private socket: HocuspocusProviderWebsocket | undefined;
  private provider: HocuspocusProvider | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private recount: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** When the server was last heard on the current socket; undefined before its first message. */
  private heardAt: number | undefined;
  /** Since when this device has been trying to reach the server without hearing it. */
  private tryingSince: number | undefined = Date.now();
  /** An attempt ended before the server said anything since it was last heard. */
  private attemptFailed = false;
  private readonly reachCheck: ReturnType<typeof setInterval>;

  constructor(private readonly options: SyncOptions) {
    this.storedVector = new Map();
    this.status = cell<ConnectionStatus>({
      connection: this.reach(),
      waiting: changesWaiting(options.doc, this.storedVector),
      storedAt: null,
      problem: null,
    });
    options.doc.on('update', this.onLocalUpdate);
    this.connect();
    globalThis.addEventListener?.('offline', this.onOffline);
    globalThis.addEventListener?.('online', this.onOnline);
    // The bounded waits run out with no event to say so: look again now and then.
    this.reachCheck = setInterval(() => this.updateReach(), 1000);
  }

  /** What the server said it stored, as kept on this device from an earlier connection. */
  restoreStored(stateVector: Uint8Array, at: string): void {
    if (this.status.get().storedAt !== null) return;
    this.storedVector = Y.decodeStateVector(stateVector);
    this.update({ storedAt: at, waiting: changesWaiting(this.options.doc, this.storedVector) });
  }

  /** Resolves once the document has been through a first full exchange with the server. */
  whenSynced(): Promise<void> {
    // `subscribe` calls its listener at once: an already synced document resolves before any
    // subscription exists to end.
    if (this.provider?.isSynced) return Promise.resolve();
    return new Promise((resolve) => {
      const subscription = this.status.subscribe(() => {
        if (!this.provider?.isSynced) return;
        subscription.unsubscribe();
        resolve();
      });
    });
  }

  destroy(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('offline', this.onOffline);
    globalThis.removeEventListener?.('online', this.onOnline);
    this.options.doc.off('update', this.onLocalUpdate);
    clearTimeout(this.retry);
    clearTimeout(this.recount);
    clearInterval(this.reachCheck);
    this.disconnect();
  }

  private connect(): void {
    const { url, perimeterId, token, doc, WebSocketPolyfill } = this.options;
    const { delay, maxDelay } = this.options.reconnect ?? { delay: 1000, maxDelay: 30_000 };
    // Backoff with jitter: 200 tablets coming back at once must not reconnect in lockstep.
    this.socket = new HocuspocusProviderWebsocket({
      url,
      ...(WebSocketPolyfill ? { WebSocketPolyfill } : {}),
      delay,
      initialDelay: 0,
      factor: 2,
      // Full jitter: each wait is drawn between a fifth of the delay and the delay itself.
      minDelay: delay / 5,
      maxDelay,
      jitter: true,
      maxAttempts: 0,
    });
    this.socket.on('status', ({ status }: { status: string }) => {
      if (status === 'connecting') {
        this.heardAt = undefined;
        this.tryingSince ??= Date.now();
      } else if (status === 'disconnected') {
        if (this.heardAt === undefined) this.attemptFailed = true;
        this.heardAt = undefined;
        this.tryingSince ??= Date.now();
      }
      this.updateReach();
    });
    // Every message counts, the server's pings included: the server answers.
    this.socket.on('message', () => {
      this.heardAt = Date.now();
      this.tryingSince = undefined;
      this.attemptFailed = false;
      this.updateReach();
    });
    this.provider = new HandshakeFirstProvider({
      websocketProvider: this.socket,
      name: `perimeter:${perimeterId}`,
      token,
      document: doc,
      // The app shows no presence, and the server refuses awareness (server/extensions/message-budget.ts).
      awareness: null,
      onStateless: ({ payload }) => this.onMessage(payload),
      onAuthenticated: () => this.update({ problem: null }),
      // Tells `whenSynced` waiters to look again.
      onSynced: () => this.update({}),
      // The reason is the server's word (server/auth.ts AuthFailure), read as one of a known few.
      onAuthenticationFailed: ({ reason }) => (reason === 'erased' ? this.onErased() : this.onUnauthorized()),
    });
    this.provider.attach();
    this.updateReach();
  }

  private disconnect(): void {
    this.provider?.destroy();
    this.socket?.destroy();
    this.provider = undefined;
    this.socket = undefined;
    this.heardAt = undefined;
    this.update({ connection: this.reach() });
  }

  /** Where this device stands with the server now (see `Connection`). */
  private reach(): Connection {
    if (globalThis.navigator?.onLine === false) return 'no-network';
    if (this.stopped || !this.socket) return 'idle';
    const now = Date.now();
    const limits = this.options.reach ?? REACH_LIMITS;
    if (this.heardAt !== undefined && now - this.heardAt <= limits.silenceMs) return 'online';
    if (this.tryingSince !== undefined && !this.attemptFailed && now - this.tryingSince < limits.answerMs)
      return 'connecting';
    return 'unreachable';
  }

  private updateReach(): void {
    const connection = this.reach();
    if (connection !== this.status.get().connection) this.update({ connection });
  }

  private onMessage(payload: string): void {
    const message = parseServerMessage(payload);
    if (!message) return;
    if (message.type === 'stored') {
      const decoded = decodeStoredVector(message.stateVector);
      if (!decoded) {
        this.options.report(
          'stored-ack-garbled',
          new Error('stored message with an undecodable state vector'),
        );
        return;
      }
      const [vector, stateVector] = decoded;
      this.storedVector = stateVector;
      const at = this.options.now();
      this.update({ storedAt: at, waiting: changesWaiting(this.options.doc, this.storedVector) });
      void this.options
        .saveStored(vector, at)
        .catch((error: unknown) => this.options.report('stored-ack-save', error));
    } else if (message.reason === 'revoked' || message.reason === 'erased') {
      this.stopped = true;
      this.disconnect();
      this.update({ problem: message.reason });
    } else {
      this.disconnect();
      this.options.onRejected(message.reason);
    }
  }

  /** The server refuses the credential because its household was erased: never ask again. */
  private onErased(): void {
    this.stopped = true;
    this.disconnect();
    this.update({ problem: 'erased' });
  }

  /**
   * A household's credential is issued offline on the tablet: the server only knows it once the
   * tablet has synced. Until then, ask again now and then rather than giving up.
   */
  private onUnauthorized(): void {
    this.disconnect();
    this.update({ problem: 'unauthorized' });
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      if (!this.stopped) this.connect();
    }, this.options.retryUnauthorizedMs ?? 20_000);
  }

  /**
   * The browser knows first when the network goes: a socket that is not closed would otherwise
   * look connected for up to half a minute, and "sending" would be shown with nothing leaving.
   */
  private onOffline = () => {
    this.socket?.disconnect();
    this.updateReach();
  };

  /** The network is back: a fresh try, shown as such until it answers or the wait runs out. */
  private onOnline = () => {
    this.tryingSince = Date.now();
    this.attemptFailed = false;
    this.updateReach();
    if (!this.stopped)
      void this.socket?.connect().catch((error: unknown) => this.options.report('reconnect', error));
  };

  /**
   * Counting is cheap but not free on a big document: at most a few times a second. A change that
   * did not come from the server (the provider is the origin of those) is waiting from now on,
   * though: a count left at 0 until the recount would say "saved" of it meanwhile.
   */
  private onLocalUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== this.provider && this.status.get().waiting === 0) this.update({ waiting: 1 });
    if (this.recount) return;
    this.recount = setTimeout(() => {
      this.recount = undefined;
      this.update({ waiting: changesWaiting(this.options.doc, this.storedVector) });
    }, 150);
  };

  private update(patch: Partial<ConnectionStatus>): void {
    this.status.set({ ...this.status.get(), ...patch });
  }
}

/**
 * A `stored` message's state vector, as bytes and decoded; undefined when the text is not base64 or
 * the bytes are not a Yjs state vector. What the network sends is hostile until checked: a garbled
 * vector is ignored (the change stays counted as waiting), never thrown into the provider.
 */
function decodeStoredVector(text: string): [Uint8Array, Map<number, number>] | undefined {
  try {
    const bytes = base64ToBytes(text);
    return [bytes, Y.decodeStateVector(bytes)];
  } catch {
    return undefined;
  }
}
