/**
 * A Hocuspocus provider that sends a local change only when the server already has everything the
 * change builds on.
 *
 * The server refuses any update that would leave pending state (src/sync/update-inspector.ts):
 * it cannot tell a change that arrived early from one whose predecessors were lost. Hocuspocus's
 * provider sends each change as it happens, also during the handshake after a (re)connection,
 * before its sync step 2 has carried what the server lacks; and a change made while the socket was
 * closing waits in a queue that goes out, on the next connection, before that step 2. Either way
 * the server receives a change whose predecessors it does not have yet, refuses it, and the device
 * rebuilds its document for nothing.
 *
 * The provider's own `synced` flag is not enough to tell: it is cleared only by the socket's close
 * event, and the socket can be replaced without one. @hocuspocus/provider 4.7's
 * HocuspocusProviderWebsocket forgets a connection attempt's retry loop once its socket opens
 * (`onOpen`); when that socket then closes before any message (a server killed or restarting
 * behind a proxy that accepted the connection), the forgotten loop retries while the close starts
 * a second one. The later of the two calls `createWebSocketConnection`, which drops the live,
 * synced socket with its listeners removed first (`cleanupWebSocket`): no close event, so
 * `synced` stays true on the new socket before its handshake.
 *
 * What must stay true: a change goes out on its own only on the very socket whose handshake last
 * completed, while it is open: that handshake has already given the server everything this
 * document held before. A change held back is not lost: the next handshake carries it, and one
 * more is asked for once synced in case the change came after this one's step 2 left.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';

const OPEN = 1;

export class HandshakeFirstProvider extends HocuspocusProvider {
  private heldBack = false;
  /** The socket the server's last sync step 2 (or the acknowledgement of all changes) came on. */
  private syncedOn: unknown = null;

  override get synced(): boolean {
    return super.synced;
  }

  /**
   * The provider sets this on every sync step 2 from the server and once the server acknowledged
   * every change sent (both on the current socket), and clears it on a close event.
   */
  override set synced(state: boolean) {
    this.syncedOn = state ? this.configuration.websocketProvider.webSocket : null;
    super.synced = state;
    if (!state || !this.heldBack) return;
    // The held-back change may have been made after this handshake's step 2 left: ask again.
    this.heldBack = false;
    this.forceSync();
  }

  override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
    // What the provider itself applied came from the server.
    if (origin === this) return;
    const socket = this.configuration.websocketProvider.webSocket;
    if (this.isSynced && socket !== null && socket === this.syncedOn && socket.readyState === OPEN) {
      super.documentUpdateHandler(update, origin);
    } else {
      this.heldBack = true;
    }
  }
}
