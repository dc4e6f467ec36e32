/**
 * The messages the sync server sends on a document's stateless channel (see
 * src/server/messages.ts, which writes them): read here without zod, to keep the client light.
 */
export type ServerMessage =
  { type: 'rejected'; reason: 'forbidden' | 'invalid' | 'revoked' } | { type: 'stored'; stateVector: string };

export function readServerMessage(payload: string): ServerMessage | undefined {
  try {
    const message = JSON.parse(payload) as Partial<Record<string, unknown>>;
    if (message.type === 'stored' && typeof message.stateVector === 'string') {
      return { type: 'stored', stateVector: message.stateVector };
    }
    if (
      message.type === 'rejected' &&
      (message.reason === 'forbidden' || message.reason === 'invalid' || message.reason === 'revoked')
    ) {
      return { type: 'rejected', reason: message.reason };
    }
  } catch {
    // Not JSON: not one of ours.
  }
  return undefined;
}

export function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
