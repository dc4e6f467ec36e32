/**
 * Live values read from a perimeter's document in memory, for the workspace's services whose
 * reads are synchronous (cafe-services.ts, rights-services.ts). links-services.ts keeps its own:
 * its reads may wait and also follow a Dexie query, so it serialises them.
 */
import type { PerimeterWorkspace } from './perimeter-workspace';

/** A value that changes over time: the UI's `Live` (ui/services.ts) with the same shape. */
export interface Live<T> {
  subscribe(next: (value: T) => void, error?: (reason: unknown) => void): { unsubscribe(): void };
}

/**
 * A Live over the document in memory: `read` runs once `workspace` resolves, then after each
 * change of the document. A throw of `read`, or a refusal of `workspace`, goes to `error`; the
 * next change reads again. Nothing is read or given after `unsubscribe`. `workspace` may resolve
 * to more than the workspace (what `read` needs loaded first) as long as it carries its `doc`.
 */
export function docLive<T, W extends Pick<PerimeterWorkspace, 'doc'> = PerimeterWorkspace>(
  workspace: () => Promise<W>,
  read: (w: W) => T,
): Live<T> {
  return {
    subscribe(next, error) {
      let stopped = false;
      let stopDoc: (() => void) | undefined;
      const run = (w: W) => {
        if (stopped) return;
        try {
          next(read(w));
        } catch (reason) {
          error?.(reason);
        }
      };
      workspace().then(
        (w) => {
          if (stopped) return;
          stopDoc = w.doc.onChanged(() => run(w));
          run(w);
        },
        (reason: unknown) => error?.(reason),
      );
      return {
        unsubscribe() {
          stopped = true;
          stopDoc?.();
        },
      };
    },
  };
}
