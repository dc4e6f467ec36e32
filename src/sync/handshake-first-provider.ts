/**
 * A Hocuspocus provider that sends a local change only when the server already has everything the
 * change builds on.
 *
 * The server refuses any update that would leave pending state (src/server/update-inspector.ts):
 * it cannot tell a change that arrived early from one whose predecessors were lost. Hocuspocus's
 * provider sends each change as it happens, also during the handshake after a (re)connection,
 * before its sync step 2 has carried what the server lacks; and a change made while the socket was
 * closing waits in a queue that goes out, on the next connection, before that step 2. Either way
 * the server receives a change whose predecessors it does not have yet, refuses it, and the device
 * rebuilds its document for nothing.
 *
 * What must stay true: a change goes out on its own only while the provider is synced on an open
 * socket, when this connection's handshake has already given the server everything this document
 * held before. A change held back is not lost: once synced again, a new handshake carries it.
 */
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';

const OPEN = 1;

export class HandshakeFirstProvider extends HocuspocusProvider {
  private heldBack = false;

  constructor(configuration: HocuspocusProviderConfiguration) {
    super(configuration);
    // The held-back change may have been made after this handshake's step 2 left: ask again.
    this.on('synced', () => {
      if (!this.heldBack) return;
      this.heldBack = false;
      this.forceSync();
    });
  }

  override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
    // What the provider itself applied came from the server.
    if (origin === this) return;
    if (this.isSynced && this.configuration.websocketProvider.webSocket?.readyState === OPEN) {
      super.documentUpdateHandler(update, origin);
    } else {
      this.heldBack = true;
    }
  }
}
