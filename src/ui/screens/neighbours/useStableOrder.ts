import { useMemo, useRef } from 'preact/hooks';

/**
 * `items` in the order they first had while the screen is open: an item keeps its place when the
 * live order changes (domain/links.ts ranks a neighbour lower once it has one more pending request,
 * so saying yes to it would send its card to the end of the list, and put another neighbour's same
 * button under the finger). Items that appear later follow, in their live order. `screen` names
 * what the order belongs to (the household whose links are shown): when it changes, the order is
 * decided again. The order is kept in a ref, not in state, so it costs no extra render.
 */
export function useStableOrder<T>(
  items: readonly T[] | undefined,
  keyOf: (item: T) => string,
  screen: string,
): T[] | undefined {
  const order = useRef<{ screen: string; rank: Map<string, number> }>({ screen, rank: new Map() });
  // `keyOf` is left out of the dependencies: callers pass a fresh arrow each render, always the same key.
  return useMemo(() => {
    if (order.current.screen !== screen) order.current = { screen, rank: new Map() };
    if (!items) return undefined;
    const { rank } = order.current;
    for (const item of items) {
      const key = keyOf(item);
      if (!rank.has(key)) rank.set(key, rank.size);
    }
    return [...items].sort((a, b) => rank.get(keyOf(a))! - rank.get(keyOf(b))!);
  }, [items, screen]);
}
