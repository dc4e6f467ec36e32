/**
 * The envelope of a Hocuspocus message, checked before Hocuspocus reads it: a document name, a
 * message type, then that type's fields, each within the frame. Hocuspocus decodes with lib0,
 * whose length-prefixed reads do not stop at the frame's end (a view over `ws`'s pooled buffer
 * reads on into the next bytes), whose text reads throw on bytes that are not UTF-8, and whose
 * failures surface as exceptions in its message loop. A
 * frame that fails here is garbage: the gateway logs one line and closes that socket.
 *
 * Only the shape is checked. Whether the content is allowed (a Yjs update's records, a token) is
 * for the hooks: an update's bytes are decoded by the rights check, not here.
 *
 * Wire format: @hocuspocus/server 4.7 `MessageType`, `MessageReceiver.apply` and
 * `ClientConnection.handleQueueingMessage`; y-protocols `sync.js` for the sync sub-messages.
 */
import * as decoding from 'lib0/decoding';

/** Hocuspocus's message types, as a client may send them. */
const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const STATELESS = 5;
const CLOSE = 7;

/** y-protocols' sync sub-messages: a state vector (a question), then two kinds of Yjs update. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** `AuthMessageType.Token` in @hocuspocus/common. */
const AUTH_TOKEN = 0;

/** Why a frame is garbage, as logged. */
export type FrameProblem =
  | 'text-frame'
  | 'truncated'
  | 'invalid-utf8'
  | 'unknown-message-type'
  | 'unknown-sync-step'
  | 'unknown-auth-type'
  | 'invalid-state-vector';

/** Thrown by the bounded reads below; never leaves this module. */
class Truncated extends Error {}
class NotUtf8 extends Error {}

/** As lib0 reads text (`string.utf8TextDecoder`): fatal on bytes that are not UTF-8. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The problem with a binary frame, or undefined when Hocuspocus can read it without throwing.
 * Bytes after the last field are allowed (Hocuspocus ignores them), as the provider appends
 * optional fields in newer versions.
 */
export function frameProblem(frame: Uint8Array): FrameProblem | undefined {
  const decoder = decoding.createDecoder(frame);
  try {
    readText(decoder); // the document name
    switch (readUint(decoder)) {
      case SYNC:
      case SYNC_REPLY: {
        const step = readUint(decoder);
        const payload = readBytes(decoder);
        if (step === SYNC_STEP_1) return validStateVector(payload) ? undefined : 'invalid-state-vector';
        return step === SYNC_STEP_2 || step === SYNC_UPDATE ? undefined : 'unknown-sync-step';
      }
      case AWARENESS:
        readBytes(decoder);
        return undefined;
      case STATELESS:
        readText(decoder);
        return undefined;
      case AUTH:
        if (readUint(decoder) !== AUTH_TOKEN) return 'unknown-auth-type';
        readText(decoder); // the token
        // The provider's version, which Hocuspocus reads as text when present.
        if (decoding.hasContent(decoder)) readText(decoder);
        return undefined;
      case QUERY_AWARENESS:
      case CLOSE:
        return undefined;
      default:
        // BroadcastStateless is server-internal; SyncStatus, Ping and Pong go only to clients.
        return 'unknown-message-type';
    }
  } catch (error) {
    if (error instanceof Truncated) return 'truncated';
    if (error instanceof NotUtf8) return 'invalid-utf8';
    throw error;
  }
}

/**
 * Whether a frame that passed `frameProblem` carries awareness (a state, or a query for the
 * others'). The app does not use awareness; app versions from before issue 8 still send their
 * empty state on connect. The gateway drops these frames unread rather than closing the
 * connection, so such a device keeps syncing until its PWA updates, and nothing of them is relayed
 * or kept.
 */
export function carriesAwareness(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  readText(decoder);
  const type = readUint(decoder);
  return type === AWARENESS || type === QUERY_AWARENESS;
}

function readUint(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    // lib0 throws on a varint that ends with the frame or exceeds 2^53.
    throw new Truncated();
  }
}

/** A length-prefixed field, refused when its length runs past the frame. */
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = readUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new Truncated();
  return decoding.readUint8Array(decoder, length);
}

/** A length-prefixed UTF-8 string. */
function readText(decoder: decoding.Decoder): void {
  const bytes = readBytes(decoder);
  try {
    utf8.decode(bytes);
  } catch {
    throw new NotUtf8();
  }
}

/** A state vector: client id and clock pairs, every varint within the payload. */
function validStateVector(payload: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(payload);
    const entries = decoding.readVarUint(decoder);
    // Each entry takes at least two bytes: more entries than that cannot be in the payload.
    if (entries > payload.length / 2) return false;
    for (let i = 0; i < entries * 2; i++) decoding.readVarUint(decoder);
    return true;
  } catch {
    return false;
  }
}
