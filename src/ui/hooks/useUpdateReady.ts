import { useEffect, useState } from 'preact/hooks';
import type { AppServices } from '../services';

/** The function that applies a waiting new version, once there is one (none before the services load). */
export function useUpdateReady(services: AppServices | undefined): (() => void) | undefined {
  const [apply, setApply] = useState<() => void>();
  useEffect(() => services?.onUpdateReady((next) => setApply(() => next)), [services]);
  return apply;
}
