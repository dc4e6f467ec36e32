import { useEffect, useState } from 'preact/hooks';
import type { AppServices } from '../services';

/** The function that applies a waiting new version, once there is one. */
export function useUpdateReady(services: AppServices): (() => void) | undefined {
  const [apply, setApply] = useState<() => void>();
  useEffect(() => services.onUpdateReady((next) => setApply(() => next)), [services]);
  return apply;
}
