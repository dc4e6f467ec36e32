/**
 * Hocuspocus extension, one job: what an authenticated connection may send at all, checked on the
 * raw message before Hocuspocus decodes it (`beforeHandleMessage`). Each message is counted against
 * its credential's and its address's message rate and its credential's byte rate (what the rights
 * check may have to decode), then its size is checked against its role's limit (budgets.ts), then
 * its type against what the app sends. Nothing here decodes a Yjs update. (Frames over a
 * household's message size are already refused by `ws` while their header is read, unless a
 * facilitator authenticated on the socket: see websocket.ts.)
 *
 * Every message type a client can send (@hocuspocus/server 4.7 `MessageType`), and what happens:
 * - Sync (0), SyncReply (4): a state vector is answered; an update is checked by the rights check
 *   (extensions/rights-check.ts) before it is applied or forwarded.
 * - Auth (2): on an established document connection, Hocuspocus hands it to `onTokenSync`, which
 *   no extension implements: it changes nothing. Before that, authentication.ts checks it.
 * - CLOSE (7): the client closes its own document connection.
 * - Awareness (1), QueryAwareness (3): never relayed nor kept. The app does not use awareness (its
 *   provider is built with `awareness: null`); Hocuspocus would relay any state to every
 *   connection of the document and keep it in memory. The gateway drops these frames before
 *   Hocuspocus sees them (frames.ts `carriesAwareness`), so that older app versions, which still
 *   send an empty state, keep syncing; refusing them here is the second line.
 * - Stateless (5): refused. The app sends none, and a stateless payload reaches hooks unchecked.
 * - BroadcastStateless (6): refused (Hocuspocus also throws: it is for its Redis extension).
 * - SyncStatus (8), Ping (9), Pong (10) and unknown types: refused; only servers send the first
 *   two, and a Pong has no document address, so it never reaches a document connection.
 *
 * A client over a rate has its whole socket closed with RATE_LIMITED: the provider reconnects after
 * its delay and resends what the server had not acknowledged. That delay is fixed (`delay`, 1 s in
 * the app): HocuspocusProviderWebsocket's exponential backoff only grows over attempts that fail to
 * open, and a closed socket reopens fine. Each reconnection then costs one authentication, which
 * is budgeted too, before any document is read. A "rejected" message would instead
 * make the device rebuild its document from the server's copy, for nothing.
 */
import type { Extension, beforeHandleMessagePayload } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { type Budgets, RATE_LIMITED } from '../budgets';
import type { ConnectionContext } from '../socket-context';
import { credentialKey } from './authentication';
import { refused } from './refusal';

const SYNC = 0;
const AUTH = 2;
const SYNC_REPLY = 4;
const CLOSE = 7;

const ALLOWED_TYPES: ReadonlySet<number> = new Set([SYNC, AUTH, SYNC_REPLY, CLOSE]);

/** Close code for a message over its role's size limit (as HTTP 413 Content Too Large). */
export const TOO_LARGE = { code: 4413, reason: 'message-too-large' } as const;

export class MessageBudget implements Extension<ConnectionContext> {
  readonly extensionName = 'tissage-message-budget';

  constructor(private readonly budgets: Budgets) {}

  async beforeHandleMessage(payload: beforeHandleMessagePayload<ConnectionContext>): Promise<void> {
    try {
      await this.check(payload);
    } catch (error) {
      this.budgets.countRefusal(payload.context.address);
      throw error;
    }
  }

  private async check({
    update,
    context,
    socketId,
  }: beforeHandleMessagePayload<ConnectionContext>): Promise<void> {
    const { perimeterId, credentialId, address } = context;
    const who = { perimeterId, credentialId, address, socketId, bytes: update.length };
    const key = credentialKey(context);
    const wait =
      (await this.budgets.spend('messages', address, key)) ??
      (await this.budgets.spendBytes(context.actor, key, update.length));
    if (wait !== null) {
      context.closeSocket(RATE_LIMITED.code, RATE_LIMITED.reason);
      throw refused('frame', RATE_LIMITED.reason, who, RATE_LIMITED.code);
    }
    if (update.length > this.budgets.messageBytes(context.actor)) {
      context.closeSocket(TOO_LARGE.code, TOO_LARGE.reason);
      throw refused('frame', TOO_LARGE.reason, who, TOO_LARGE.code);
    }
    const type = messageType(update);
    if (type === undefined || !ALLOWED_TYPES.has(type))
      throw refused('frame', `message-type-${type ?? 'unreadable'}`, who);
  }
}

/** The type that follows the document address, without reading anything else of the message. */
function messageType(message: Uint8Array): number | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    const addressLength = decoding.readVarUint(decoder);
    if (addressLength > message.length - decoder.pos) return undefined;
    decoder.pos += addressLength;
    return decoding.readVarUint(decoder);
  } catch {
    return undefined;
  }
}
