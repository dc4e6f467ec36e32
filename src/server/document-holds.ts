/**
 * Keeps a Hocuspocus document in memory while the server works with it outside a connection:
 * while a connection authenticates (the document was loaded to check a household credential) or
 * while the API reads it. Hocuspocus unloads a document as soon as it has no connection; a hold
 * counts as one (a "direct connection"), so another client leaving meanwhile cannot unload the
 * document under a newcomer that is about to attach to it.
 */
import type { Document, Hocuspocus } from '@hocuspocus/server';
import { logBug } from './logger';

/** Only frees documents of connections that vanished between authentication and connection. */
const HOLD_LIMIT_MS = 30_000;

export class DocumentHolds {
  private readonly byKey = new Map<string, () => void>();

  constructor(private readonly hocuspocus: Pick<Hocuspocus, 'unloadDocument'>) {}

  /**
   * Holds `document` until the returned function is called, or `release(key)` when given a key,
   * or HOLD_LIMIT_MS passed. Releasing the last hold of an idle document unloads it.
   */
  hold(document: Document, key?: string): () => void {
    document.addDirectConnection();
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      if (key !== undefined && this.byKey.get(key) === release) this.byKey.delete(key);
      document.removeDirectConnection();
      if (document.getConnectionsCount() === 0) {
        this.hocuspocus.unloadDocument(document).catch((error: unknown) => logBug('document unload', error));
      }
    };
    const timer = setTimeout(release, HOLD_LIMIT_MS);
    timer.unref();
    if (key !== undefined) this.byKey.set(key, release);
    return release;
  }

  release(key: string): void {
    this.byKey.get(key)?.();
  }
}
