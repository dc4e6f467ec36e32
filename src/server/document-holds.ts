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
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly hocuspocus: Pick<Hocuspocus, 'unloadDocument' | 'shouldUnloadDocument'>) {}

  /**
   * Holds `document` until the returned function is called, or `release(key)` when given a key,
   * or `ms` passed. Releasing the last hold of a document with no pending store unloads it (a
   * pending store unloads it once done, as Hocuspocus does).
   */
  hold(document: Document, key?: string, ms = HOLD_LIMIT_MS): () => void {
    document.addDirectConnection();
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      this.timers.delete(timer);
      if (key !== undefined && this.byKey.get(key) === release) this.byKey.delete(key);
      document.removeDirectConnection();
      if (this.hocuspocus.shouldUnloadDocument(document)) {
        this.hocuspocus.unloadDocument(document).catch((error: unknown) => logBug('document unload', error));
      }
    };
    const timer = setTimeout(release, ms);
    timer.unref();
    this.timers.add(timer);
    if (key !== undefined) this.byKey.set(key, release);
    return release;
  }

  /** Keeps `document` loaded for `ms` more (budgets.ts `documentLingerMs`). */
  linger(document: Document, ms: number): void {
    if (ms > 0) this.hold(document, undefined, ms);
  }

  /** For shutdown: no hold will release (nor unload) anything any more. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.byKey.clear();
  }

  release(key: string): void {
    this.byKey.get(key)?.();
  }
}
