/*
 * A latch for "a new version is waiting": it fires at most once and remembers it, so a listener that
 * subscribes late (the UI mounts after the service worker reported) is still told, straight away.
 * Pure: no DOM, no service worker, so it runs in a plain unit test.
 */

export type Listener = () => void;

export interface UpdateLatch {
  readonly isOpen: boolean;
  /** Opens the latch and tells every listener; later calls do nothing. */
  open(): void;
  /** Calls `listener` once the latch is open (at once if it already is); returns an unsubscribe. */
  subscribe(listener: Listener): () => void;
}

export function createUpdateLatch(): UpdateLatch {
  let isOpen = false;
  const listeners = new Set<Listener>();
  return {
    get isOpen() {
      return isOpen;
    },
    open() {
      if (isOpen) return;
      isOpen = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
    subscribe(listener) {
      if (isOpen) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
