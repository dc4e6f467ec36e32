import { useEffect, useState } from 'preact/hooks';
import type { Live } from '../services';

/** `undefined` until the first value arrives, so "loading" and "a value that is undefined" differ. */
export type Loaded<T> = { value: T } | undefined;

/**
 * Subscribes to a live value while the component is mounted. `make` builds the Live; it is
 * called again when `deps` change, and the previous subscription is dropped. A failing query
 * is rethrown during render so the error boundary shows it rather than an endless "loading".
 */
export function useLiveState<T>(make: () => Live<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>(undefined);
  const [failure, setFailure] = useState<{ reason: unknown }>();
  useEffect(() => {
    setState(undefined);
    const subscription = make().subscribe(
      (value) => setState({ value }),
      (reason) => setFailure({ reason }),
    );
    return () => subscription.unsubscribe();
  }, deps);
  if (failure) throw failure.reason;
  return state;
}

export function useLive<T>(make: () => Live<T>, deps: unknown[]): T | undefined {
  return useLiveState(make, deps)?.value;
}
