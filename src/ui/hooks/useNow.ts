import { useEffect, useState } from 'preact/hooks';

/**
 * The device's clock (ms since the epoch), read again at the start of each minute while the
 * component is mounted, so that a state derived from it (domain/cafe-status.ts: a café turns "en
 * cours" at its start minute) changes on a screen left open. The domain never reads the clock.
 */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // A timeout to the next minute rather than an interval: a device asleep or a throttled
    // background tab wakes on the right minute, not on a drifted one.
    const timer = setTimeout(() => setNow(Date.now()), 60_000 - (now % 60_000));
    return () => clearTimeout(timer);
  }, [now]);
  return now;
}
