/**
 * What the WebSocket gateway knows of a socket and Hocuspocus does not: the peer's address, and a
 * way to close the whole socket rather than one document connection on it. The gateway gives it
 * to Hocuspocus as the default context of every document connection the socket opens, so that
 * the extensions can budget per address and answer a client over budget with a close the provider
 * recovers from (it reconnects after its delay) instead of a refusal.
 */
import type { SyncContext } from './sync-context';

export interface SocketContext {
  /** The TCP peer's address ('unknown' when the socket already closed). */
  address: string;
  /** Closes the socket with a WebSocket close code (RFC 6455 §7.4, 4000–4999 for applications). */
  closeSocket(code: number, reason: string): void;
  /**
   * Raises the largest frame the socket may send, in bytes (never lowers it). A socket starts at a
   * household's message size, so that a household cannot make the server read frames of
   * megabytes; a facilitator's authentication raises it for the tablet's first upload.
   */
  allowFrameBytes(bytes: number): void;
}

/** A document connection's context once authenticated: the socket's, then the credential's. */
export type ConnectionContext = SocketContext & SyncContext;
