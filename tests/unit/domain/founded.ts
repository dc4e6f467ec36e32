/**
 * The start of the domain command tests: a perimeter founded in memory
 * (fixtures/memory-perimeter.ts `MemoryPerimeter`, the test clock of fixtures/env.ts), as
 * `createPerimeter` leaves it, with nothing else written yet.
 */
import { type PerimeterInput, createPerimeter } from '../../../src/domain';
import { testEnv } from '../../fixtures/env';
import { MemoryPerimeter } from '../../fixtures/memory-perimeter';

/**
 * Perimeter `perimeter1`, named "Quartier des Lilas", on `places` with `dwellings` homes, founded
 * by `founders`; `founderIds` come in the founders' order. Throws if `createPerimeter` refuses.
 */
export function foundedInMemory(input: Omit<PerimeterInput, 'name'>) {
  const view = new MemoryPerimeter();
  const env = testEnv();
  const { founderIds } = view.accept(
    createPerimeter(view, env, 'perimeter1', { name: 'Quartier des Lilas', ...input }),
  );
  return { view, env, founderIds };
}
