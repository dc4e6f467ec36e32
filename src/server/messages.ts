/**
 * The stateless messages the server sends on a document connection, as JSON strings in
 * Hocuspocus's stateless channel.
 *
 * - `rejected`: the connection's last update was neither applied nor forwarded, and the server
 *   closes the document connection. The client must rebuild its document (see SYNC-NOTES).
 * - `stored`: the document is durably stored up to `stateVector` (base64 of Y.encodeStateVector).
 *   A client counts as saved each of its changes whose clock is below that vector's entry for its
 *   client id. Hocuspocus's own SyncStatus only says "received, in memory".
 *
 * Wire format version 1: adding a message type or an optional field is compatible; changing a
 * field needs a new `type`.
 */
import * as z from 'zod/mini';

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rejected'), reason: z.enum(['forbidden', 'invalid', 'revoked']) }),
  z.object({ type: z.literal('stored'), stateVector: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export function rejectedMessage(reason: Extract<ServerMessage, { type: 'rejected' }>['reason']): string {
  return JSON.stringify({ type: 'rejected', reason } satisfies ServerMessage);
}

export function storedMessage(stateVector: Uint8Array): string {
  return JSON.stringify({
    type: 'stored',
    stateVector: Buffer.from(stateVector).toString('base64'),
  } satisfies ServerMessage);
}

/** For clients: the message, or undefined for anything else on the stateless channel. */
export function parseServerMessage(payload: string): ServerMessage | undefined {
  try {
    const parsed = serverMessageSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
