/**
 * The start of the workspace services' tests (cafe-services, links-services, rights-services):
 * a perimeter just created on this device, on fake-indexeddb, with its two founders.
 */
import type { Env } from '../../../src/domain';
import { type DeviceDb, openDeviceDb } from '../../../src/storage/device-db';
import type { PerimeterWorkspace } from '../../../src/workspace/perimeter-workspace';
import { testEnv } from '../../fixtures/env';
import { createdWorkspace, must } from '../../fixtures/workspace';

export interface TwoFounders {
  device: DeviceDb;
  env: Env;
  workspace: PerimeterWorkspace;
  /** The founders' household ids, in the order they were founded (Fatima, then Jean). */
  fatima: string;
  jean: string;
}

/**
 * A new device database and test clock, the perimeter created on them (fixtures/workspace.ts
 * `createdWorkspace`), and, given `ideaId`, Fatima offering it and Jean seeking it: a candidate
 * link between them. Throws if the creation or an answer is refused.
 */
export async function twoFounders(ideaId?: string): Promise<TwoFounders> {
  const device = openDeviceDb();
  const env = testEnv();
  const { workspace, founderIds } = await createdWorkspace(env, device);
  const [fatima, jean] = founderIds as [string, string];
  if (ideaId !== undefined) {
    must(await workspace.answer(fatima, ideaId, 'offer', undefined));
    must(await workspace.answer(jean, ideaId, 'seek', undefined));
  }
  return { device, env, workspace, fatima, jean };
}

/** Every value a Live gave so far, and the way to stop it. */
export function collect<T>(live: { subscribe(next: (value: T) => void): { unsubscribe(): void } }) {
  const values: T[] = [];
  const subscription = live.subscribe((value) => values.push(value));
  return { values, stop: () => subscription.unsubscribe() };
}
