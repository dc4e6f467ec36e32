/**
 * The shared documents' persistence, as a Hocuspocus extension written against the ports
 * (src/server/ports.ts): durable before forwarded, compacted in the background, and the "stored"
 * acknowledgement Hocuspocus lacks.
 *
 * What must stay true: nothing enters a loaded document before it is durable. A document is loaded
 * from its stored state plus its update log; an accepted update is appended to the log in
 * `beforeSync`, the last hook before Hocuspocus applies it and forwards it to the other
 * connections; the server's own changes go through `logServerUpdate` before they are applied. So a
 * document in memory holds only durable changes, its state vector is what the server has stored,
 * and after a crash no client holds a change from the server that the server lost.
 *
 * Compaction stores the whole state and drops the log entries that state holds. It no longer
 * decides when a change counts as saved, so it runs only when it pays: when the log since the last
 * compaction is large enough to slow a load (COMPACT_LOG_ENTRIES, COMPACT_LOG_SHARE), checked at
 * Hocuspocus's debounced store (`onStoreDocument`); when the document is unloaded; and when the
 * server stops. Each compaction encodes and writes the whole document (worst case 7.3 MB), where a
 * tap appends about a hundred bytes; the encoding comes from EncodedStates (document-state.ts),
 * shared with the joins of fresh devices, so a document that did not change since is not encoded
 * again.
 */
import type {
  Document,
  Extension,
  beforeSyncPayload,
  beforeUnloadDocumentPayload,
  connectedPayload,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { storedMessage } from '../domain/server-messages';
import { EncodedStates } from './document-state';
import { ExpectedRefusal, logBug } from './logger';
import type { DocumentStore, UpdateLog } from './ports';
import type { ConnectionContext, SocketContext } from './socket-context';

/**
 * Hocuspocus runs an extension's hooks in descending priority (default 100), and stops a hook's
 * chain at the first that throws. This extension must come after every extension whose
 * `beforeSync` may refuse an update (the rights check, the budgets), so that it logs only accepted
 * updates, and no `beforeSync` may follow it: an update logged and then refused would come back at
 * the next load.
 */
export const DURABLE_LOG_PRIORITY = 1;

/** y-protocols' sync step 1 carries a state vector: a question, not a change. */
const SYNC_STEP_1 = 0;

/**
 * At most one "stored" broadcast per document this often (ms). The first after a quiet spell goes
 * out at once; under load one state vector answers every update of the interval. Each broadcast
 * costs every connection a decoding of the vector (a few kilobytes with hundreds of devices), so
 * with 200 phones writing, acknowledging each update separately would cost the phones more than
 * the updates themselves.
 */
export const ACKNOWLEDGE_EVERY_MS = 50;

/**
 * Close code for a socket whose update could not be made durable (as HTTP 503): the client retries
 * after its reconnection delay. Outside Hocuspocus's own 4xxx codes, like budgets.ts RATE_LIMITED.
 */
export const STORAGE_UNAVAILABLE = { code: 4503, reason: 'storage-unavailable' } as const;

/**
 * A debounced store compacts once this many updates were logged since the last compaction: a load
 * replays each of them (one `Y.applyUpdate`, tens of microseconds each), so a thousand keep a load
 * within tens of milliseconds of the stored state's own.
 */
export const COMPACT_LOG_ENTRIES = 1000;

/**
 * …or once the updates logged since weigh this share of the stored state (1/4), and at least
 * COMPACT_LOG_MIN_BYTES: writing the whole state then costs at most four times the bytes logged,
 * and the log never holds more than a quarter of the document again.
 */
export const COMPACT_LOG_SHARE = 4;
export const COMPACT_LOG_MIN_BYTES = 64 * 1024;

/** What was logged for a loaded document since its last compaction. */
interface Logged {
  entries: number;
  bytes: number;
  /** Size of the state stored by the last compaction (or found at load). */
  stateBytes: number;
}

export class DurablePersistence implements Extension {
  readonly priority = DURABLE_LOG_PRIORITY;
  /** Per document, when the last "stored" broadcast went out and the next one, if scheduled. */
  private readonly acknowledgements = new Map<string, { sentAt: number; next?: NodeJS.Timeout }>();
  /** Per loaded document: what was logged since its last compaction. */
  private readonly logged = new Map<string, Logged>();
  /** Per document, the compaction under way: compactions of one document run one after another. */
  private readonly compacting = new Map<string, Promise<void>>();
  /** Set when the server stops: every store then compacts whatever was logged. */
  private stopping = false;

  /**
   * `states` is shared with the extension that answers fresh devices (FreshJoins), so that a join
   * and a compaction of an unchanged document encode it once.
   */
  constructor(
    private readonly documents: DocumentStore,
    private readonly log: UpdateLog,
    private readonly states: EncodedStates = new EncodedStates(),
  ) {}

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const { replayed, stateBytes } = await loadDocument(document, documentName, this.documents, this.log);
    this.logged.set(documentName, { entries: 0, bytes: 0, stateBytes });
    // A normal unload compacts first, so a log here was left by a crash or a failed store. Folded in
    // now, while nobody can write to the document yet.
    if (replayed > 0) await this.compact(documentName, document);
  }

  /** Runs after the rights check accepted the update (see DURABLE_LOG_PRIORITY). */
  async beforeSync({
    connection,
    documentName,
    type,
    payload,
    context,
  }: beforeSyncPayload<Partial<ConnectionContext>>): Promise<void> {
    // A read-only connection's update is refused by Hocuspocus itself, never applied.
    if (type === SYNC_STEP_1 || connection.readOnly || isEmpty(payload)) return;
    try {
      await this.log.append(documentName, payload);
      this.count(documentName, payload);
    } catch (error) {
      // Not durable (a full disk, a failed sync): neither applied nor forwarded. The whole socket
      // is closed, not only this document connection, whose reset the provider never recovers
      // from (SYNC-NOTES): the device reconnects after its delay, sends the change again, and
      // counts it as waiting meanwhile. Its document is not rebuilt: nothing was wrong with it.
      logBug('update log append', error, {
        perimeterId: context?.perimeterId,
        socketId: connection.socketId,
      });
      (context as Partial<SocketContext> | undefined)?.closeSocket?.(
        STORAGE_UNAVAILABLE.code,
        STORAGE_UNAVAILABLE.reason,
      );
      throw new ExpectedRefusal(STORAGE_UNAVAILABLE.reason, STORAGE_UNAVAILABLE.code);
    }
  }

  /**
   * For a change the server makes itself (an import through a direct connection): resolves once
   * `update` is durable; apply it only then.
   */
  async logServerUpdate(documentName: string, update: Uint8Array): Promise<void> {
    if (isEmpty(update)) return;
    await this.log.append(documentName, update);
    this.count(documentName, update);
  }

  /** Every applied change was logged first: the document's state vector is now stored. */
  async onChange({ document }: onChangePayload): Promise<void> {
    this.acknowledge(document);
  }

  /** A (re)connecting client learns at once which of its changes are stored. */
  async connected({ connection }: connectedPayload): Promise<void> {
    connection.sendStateless(storedMessage(Y.encodeStateVector(connection.document)));
  }

  /** Hocuspocus's debounced store, after changes: compacts only when due (see the module comment). */
  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    if (this.stopping ? this.log.has(documentName) : this.due(documentName))
      await this.compact(documentName, document);
  }

  /**
   * An unloaded document leaves no log behind, so the next load reads one state. A failure is
   * logged, not thrown: the log holds every change durably, and the next load folds it in.
   */
  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload): Promise<void> {
    // At shutdown the sync server's stop() has compacted every document already, and closes the
    // documents database while Hocuspocus may still be unloading them.
    if (this.stopping || !this.log.has(documentName)) return;
    try {
      await this.compact(documentName, document);
    } catch (error) {
      logBug(`compaction of ${documentName} at unload`, error);
    }
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    clearTimeout(this.acknowledgements.get(documentName)?.next);
    this.acknowledgements.delete(documentName);
    this.logged.delete(documentName);
  }

  /**
   * Compacts the document now, whatever its log's size, after the compactions under way: for an
   * erasure, whose old values live on in the log entries and the stored state until a state
   * without them replaces them (server/erasure.ts). Resolves once stored and the log dropped.
   */
  compactNowFor(documentName: string, document: Y.Doc): Promise<void> {
    return this.compact(documentName, document);
  }

  /** For shutdown: from now on every store compacts whatever the log holds. */
  compactEveryStore(): void {
    this.stopping = true;
  }

  private count(documentName: string, update: Uint8Array): void {
    const logged = this.logged.get(documentName);
    if (!logged) return;
    logged.entries++;
    logged.bytes += update.length;
  }

  private due(documentName: string): boolean {
    const logged = this.logged.get(documentName);
    // Not loaded through this extension (its counts are unknown): compact, as the safe choice.
    if (!logged) return true;
    return (
      logged.entries >= COMPACT_LOG_ENTRIES ||
      logged.bytes >= Math.max(COMPACT_LOG_MIN_BYTES, logged.stateBytes / COMPACT_LOG_SHARE)
    );
  }

  /** Schedules a broadcast of the document's state vector (see ACKNOWLEDGE_EVERY_MS). */
  private acknowledge(document: Document): void {
    let acknowledged = this.acknowledgements.get(document.name);
    if (!acknowledged) this.acknowledgements.set(document.name, (acknowledged = { sentAt: -Infinity }));
    // The broadcast already scheduled encodes the vector when it goes, so it covers this change.
    if (acknowledged.next) return;
    const state = acknowledged;
    state.next = setTimeout(
      () => {
        state.next = undefined;
        state.sentAt = performance.now();
        document.broadcastStateless(storedMessage(Y.encodeStateVector(document)));
      },
      Math.max(0, state.sentAt + ACKNOWLEDGE_EVERY_MS - performance.now()),
    );
    // A pending acknowledgement must not keep a stopping server alive.
    state.next.unref();
  }

  /**
   * Stores the whole state, then drops the log entries it holds. Entries appended meanwhile (their
   * updates not yet applied when the state was encoded) stay for the next compaction. A crash
   * between the two steps leaves entries the stored state already holds: replaying them changes
   * nothing.
   */
  private compact(documentName: string, document: Y.Doc): Promise<void> {
    // One after another: two compactions of one document whose stores finished out of order would
    // leave the older state stored, after the newer one dropped the log entries it lacks.
    const previous = this.compacting.get(documentName) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.compactNow(documentName, document));
    this.compacting.set(documentName, run);
    const forget = () => {
      if (this.compacting.get(documentName) === run) this.compacting.delete(documentName);
    };
    run.then(forget, forget);
    return run;
  }

  private async compactNow(documentName: string, document: Y.Doc): Promise<void> {
    // Taken in the same synchronous step, the snapshot describes exactly the bytes stored, and the
    // counts what they hold.
    const state = this.states.of(document);
    const snapshot = Y.snapshot(document);
    const logged = this.logged.get(documentName);
    const counted = logged && { entries: logged.entries, bytes: logged.bytes };
    await this.documents.store({ documentName, state });
    if (logged && counted) {
      // What was logged while storing stays counted, for the next compaction.
      logged.entries -= counted.entries;
      logged.bytes -= counted.bytes;
      logged.stateBytes = state.length;
    }
    let held: number | undefined;
    for (const { sequence, update } of await this.log.read(documentName)) {
      if (!Y.snapshotContainsUpdate(snapshot, update)) break;
      held = sequence;
    }
    if (held !== undefined) await this.log.drop(documentName, held);
  }
}

/**
 * Applies to `doc` the document as the ports hold it: its stored state, then its log in order.
 * Resolves with how many log entries were replayed and the stored state's size in bytes (0 when
 * none was stored).
 */
export async function loadDocument(
  doc: Y.Doc,
  documentName: string,
  documents: DocumentStore,
  log: UpdateLog,
): Promise<{ replayed: number; stateBytes: number }> {
  const state = await documents.fetch({ documentName });
  const logged = await log.read(documentName);
  doc.transact(() => {
    if (state) Y.applyUpdate(doc, state);
    for (const { update } of logged) Y.applyUpdate(doc, update);
  });
  return { replayed: logged.length, stateBytes: state?.length ?? 0 };
}

/** An update with no struct and no deletion (v1 encoding: two zero counts), as a step 2 often is. */
function isEmpty(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
