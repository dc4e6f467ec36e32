import { useLayoutEffect, useRef } from 'preact/hooks';
import { screenChanged } from '../tap-guard';

/**
 * For a screen whose content changes without a change of address (the scan's next idea, a
 * confirmation that replaces its button): each new `key` is a new screen for the tap guard, so a
 * tap meant for what was there before never acts on what is there now.
 */
export function useScreenKey(key: string | undefined): void {
  const first = useRef(true);
  useLayoutEffect(() => {
    // The first key came with the address, which the router already reported.
    if (first.current) {
      first.current = false;
      return;
    }
    screenChanged();
  }, [key]);
}
