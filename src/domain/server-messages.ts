/**
 * The stateless messages the sync server sends on a document connection, as JSON strings in
 * Hocuspocus's stateless channel: the one schema that the server writes with, the device reads
 * with, and the tests check against.
 *
 * - `rejected`: the connection's last update was neither applied nor forwarded, and the server
 *   closes the document connection. The client must rebuild its document (see SYNC-NOTES).
 *   `revoked`: the credential no longer counts; `erased`: nor does it, because its household was
 *   erased (issue 13): the device forgets the perimeter. (An app older than `erased` ignores the
 *   message as unknown and sees its connection closed and refused, as before.)
 * - `stored`: the document is durably stored up to `stateVector` (base64, RFC 4648 §4, of
 *   Y.encodeStateVector). A client counts as saved each of its changes whose clock is below that
 *   vector's entry for its client id. Hocuspocus's own SyncStatus only says "received, in memory".
 *
 * Wire format version 1: adding a message type or an optional field is compatible (older readers
 * ignore what they do not know, `parseServerMessage` returns undefined for an unknown type);
 * changing or removing a field needs a new `type`.
 *
 * Runtime-neutral: the browser, the service worker and Node all run it (no Node Buffer).
 */
import * as z from 'zod/mini';

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rejected'), reason: z.enum(['forbidden', 'invalid', 'revoked', 'erased']) }),
  z.object({ type: z.literal('stored'), stateVector: z.base64() }),
]);

export type ServerMessage = z.infer<typeof serverMessageSchema>;

export type RejectionReason = Extract<ServerMessage, { type: 'rejected' }>['reason'];

/** The `rejected` message for `reason`, as sent on the wire. */
export function rejectedMessage(reason: RejectionReason): string {
  return JSON.stringify({ type: 'rejected', reason } satisfies ServerMessage);
}

/** The `stored` message for a state vector (the bytes of Y.encodeStateVector), as sent on the wire. */
export function storedMessage(stateVector: Uint8Array): string {
  return JSON.stringify({ type: 'stored', stateVector: bytesToBase64(stateVector) } satisfies ServerMessage);
}

/**
 * The message `payload` holds, or undefined for anything else on the stateless channel (not JSON,
 * an unknown type, a malformed field). Never throws.
 */
export function parseServerMessage(payload: string): ServerMessage | undefined {
  try {
    const parsed = serverMessageSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Characters per String.fromCharCode call: well under every engine's argument limit. */
const CHUNK = 0x8000;

/** Base64 (RFC 4648 §4, with padding) of `bytes`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  }
  return btoa(binary);
}

/** The bytes of base64 `text` (RFC 4648 §4); throws a DOMException on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
