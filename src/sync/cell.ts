/** A value that changes over time, with listeners: for state that lives outside Dexie. */
export interface Cell<T> {
  get(): T;
  set(value: T): void;
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

export function cell<T>(initial: T): Cell<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(next) {
      listeners.add(next);
      next(value);
      return { unsubscribe: () => listeners.delete(next) };
    },
  };
}
