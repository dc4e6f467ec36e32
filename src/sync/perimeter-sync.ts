/**
 * Syncs one perimeter's document with the server whenever a connection exists, and says where
 * things stand in terms a facilitator can act on: offline with N changes waiting, sending, or
 * everything stored on the server (and since when).
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
import type { ConnectionStatus } from './sync-status';
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
}

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

  constructor(private readonly options: SyncOptions) {
    this.storedVector = new Map();
    this.status = cell<ConnectionStatus>({
      connection: 'offline',
      waiting: changesWaiting(options.doc, this.storedVector),
      storedAt: null,
      problem: null,
    });
    options.doc.on('update', this.onLocalUpdate);
    this.connect();
    globalThis.addEventListener?.('offline', this.onOffline);
    globalThis.addEventListener?.('online', this.onOnline);
  }

  /** What the server said it stored, as kept on this device from an earlier connection. */
  restoreStored(stateVector: Uint8Array, at: string): void {
    if (this.status.get().storedAt !== null) return;
    this.storedVector = Y.decodeStateVector(stateVector);
    this.update({ storedAt: at, waiting: changesWaiting(this.options.doc, this.storedVector) });
  }

  /** Resolves once the document has been through a first full exchange with the server. */
  whenSynced(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.provider?.isSynced) {
          subscription.unsubscribe();
          resolve();
        }
      };
      const subscription = this.status.subscribe(check);
    });
  }

  destroy(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('offline', this.onOffline);
    globalThis.removeEventListener?.('online', this.onOnline);
    this.options.doc.off('update', this.onLocalUpdate);
    clearTimeout(this.retry);
    clearTimeout(this.recount);
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
      this.update({
        connection: status === 'connected' ? 'online' : status === 'connecting' ? 'connecting' : 'offline',
      });
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
      onAuthenticationFailed: () => this.onUnauthorized(),
    });
    this.provider.attach();
  }

  private disconnect(): void {
    this.provider?.destroy();
    this.socket?.destroy();
    this.provider = undefined;
    this.socket = undefined;
    this.update({ connection: 'offline' });
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
    } else if (message.reason === 'revoked') {
      this.stopped = true;
      this.disconnect();
      this.update({ problem: 'revoked' });
    } else {
      this.disconnect();
      this.options.onRejected(message.reason);
    }
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
  private onOffline = () => this.socket?.disconnect();

  private onOnline = () => {
    if (!this.stopped)
      void this.socket?.connect().catch((error: unknown) => this.options.report('reconnect', error));
  };

  /** Counting is cheap but not free on a big document: at most a few times a second. */
  private onLocalUpdate = () => {
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
