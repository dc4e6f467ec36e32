/**
 * Each loaded document's whole state, encoded once between two changes, and a fresh device's join
 * answered from it.
 *
 * Why: `Y.encodeStateAsUpdate` walks every struct of the document (worst-case perimeter: 84,000
 * answers, 7.3 MB, about 170 ms on this machine's cores), and the server ran it for every device
 * that joined with an empty document and again at every compaction, though the document had not
 * changed in between. A café sign-up session is many fresh phones joining one unchanged document.
 *
 * The hook, and why it is not cleaner: Hocuspocus 4.7 answers a sync step 1 inside
 * `MessageReceiver.readSyncMessage`, through y-protocols' `readSyncStep1`, which calls
 * `Y.encodeStateAsUpdate(document, stateVector)` itself; no hook can hand it an encoded answer
 * (`beforeSync` runs before that call but cannot skip it, and the `Document` class is not
 * configurable). The least intrusive way found is `beforeHandleMessage`, which Hocuspocus awaits
 * in the connection's message loop right before it decodes the message, with the message's own
 * bytes: for a sync step 1 with an empty state vector, this extension sends exactly what
 * Hocuspocus would have sent, in the same order (the server's sync step 1, then a sync step 2
 * carrying the whole state, see `MessageReceiver.apply`), then turns the message it answered into
 * a `QueryAwareness` message by rewriting its type byte, which Hocuspocus reads and answers with
 * nothing on a connection (`applyQueryAwarenessMessage` only replies through `reply`, which a
 * connection does not pass). Every other message, and a step 1 that carries a state vector (a
 * returning device, which needs only its difference), goes to Hocuspocus untouched.
 * tests/server/document-state.test.ts checks the answer against the server's document, before and
 * after a change, on the pinned @hocuspocus/server.
 */
import type { Extension, beforeHandleMessagePayload } from '@hocuspocus/server';
import { MessageType, OutgoingMessage } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * How long an encoded state is kept without being used (ms). The cache costs the encoded size
 * outside the V8 heap (realistic perimeter 1.4 MB, worst case 7.3 MB, beside a Y.Doc of about 10
 * and 52 MB of heap): joins come in bursts (a sign-up session), so an idle document does not keep
 * its copy.
 */
export const ENCODED_STATE_IDLE_MS = 30_000;

/** y-protocols' sync sub-messages. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;

/**
 * Encoded states by document, each dropped at the document's next change, after
 * ENCODED_STATE_IDLE_MS unused, or with the document itself (weakly held).
 */
export class EncodedStates {
  private readonly cached = new WeakMap<Y.Doc, { state: Uint8Array; expiry: NodeJS.Timeout }>();
  private readonly watched = new WeakSet<Y.Doc>();

  /**
   * `Y.encodeStateAsUpdate(doc)` (Yjs update encoding v1), encoded again only if `doc` changed
   * since. The bytes are shared: callers must not modify them.
   */
  of(doc: Y.Doc): Uint8Array {
    const cached = this.cached.get(doc);
    if (cached) {
      cached.expiry.refresh();
      return cached.state;
    }
    if (!this.watched.has(doc)) {
      this.watched.add(doc);
      // Yjs emits `update` synchronously at the end of every transaction that changed the
      // document, before anything else can read it.
      doc.on('update', () => this.drop(doc));
      doc.on('destroy', () => this.drop(doc));
    }
    const state = Y.encodeStateAsUpdate(doc);
    const expiry = setTimeout(() => this.drop(doc), ENCODED_STATE_IDLE_MS);
    // A cached state must not keep a stopping server alive.
    expiry.unref();
    this.cached.set(doc, { state, expiry });
    return state;
  }

  private drop(doc: Y.Doc): void {
    clearTimeout(this.cached.get(doc)?.expiry);
    this.cached.delete(doc);
  }
}

/**
 * Hocuspocus runs `beforeHandleMessage` in descending priority: this one comes after the message
 * budget (default priority 100), so a message the budget refuses is never answered.
 */
export const FRESH_JOIN_PRIORITY = 10;

/** Answers a fresh device's sync step 1 from EncodedStates (see the module comment). */
export class FreshJoins implements Extension {
  readonly extensionName = 'tissage-fresh-joins';
  readonly priority = FRESH_JOIN_PRIORITY;

  constructor(private readonly states: EncodedStates) {}

  async beforeHandleMessage({
    connection,
    document,
    update: message,
  }: beforeHandleMessagePayload): Promise<void> {
    const typeAt = freshSyncStep1TypeAt(message);
    if (typeAt === undefined) return;
    const address = connection.messageAddress;
    connection.send(
      new OutgoingMessage(address).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array(),
    );
    const state = this.states.of(document);
    const answer = encoding.createEncoder();
    encoding.writeVarString(answer, address);
    encoding.writeVarUint(answer, MessageType.Sync);
    encoding.writeVarUint(answer, SYNC_STEP_2);
    encoding.writeVarUint8Array(answer, state);
    connection.send(encoding.toUint8Array(answer));
    message[typeAt] = MessageType.QueryAwareness;
  }
}

/**
 * Where the type byte is, if `message` is a `Sync` message (not a `SyncReply`, which asks for no
 * sync step 1 back) carrying a sync step 1 with an empty state vector; undefined otherwise. The
 * frame's shape was checked by the gateway (frames.ts) before Hocuspocus queued it.
 */
function freshSyncStep1TypeAt(message: Uint8Array): number | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    const typeAt = decoder.pos;
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return undefined;
    if (decoding.readVarUint(decoder) !== SYNC_STEP_1) return undefined;
    const stateVector = decoding.readVarUint8Array(decoder);
    // An empty state vector: zero clients (one varuint 0).
    return stateVector.length === 1 && stateVector[0] === 0 ? typeAt : undefined;
  } catch {
    return undefined;
  }
}
