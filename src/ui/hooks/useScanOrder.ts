import { useMemo } from 'preact/hooks';
import { type ScanItem, scanOrder } from '../../domain/scan';
import type { EffectiveCatalogue, PerimeterQueries } from '../services';
import { useLive } from './useLive';

export interface ScanCatalogue {
  catalogue: EffectiveCatalogue;
  order: ScanItem[];
}

/** The effective catalogue and the order a household goes through it; undefined while loading. */
export function useScanOrder(queries: PerimeterQueries): ScanCatalogue | undefined {
  const catalogue = useLive(() => queries.catalogue(), [queries]);
  return useMemo(
    () =>
      catalogue && {
        catalogue,
        order: scanOrder(catalogue.themes, catalogue.ideas, catalogue.retired),
      },
    [catalogue],
  );
}
