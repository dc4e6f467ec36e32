/**
 * Words of the relay screens, loaded with them. Same contract as `t` in index.ts, over their own
 * typed keys.
 */
import { fill } from './index';
import * as fr from './fr-relay';

export type { RelayProblem } from './fr-relay';
export type RelayKey = keyof typeof fr.messages;

const locale = fr;

export const tr = (key: RelayKey, params?: Record<string, string | number>): string =>
  fill(locale.messages[key], params);

/** Why a relay changed nothing, as a plain sentence for the resident. */
export const relayProblem = (problem: fr.RelayProblem): string => locale.problems[problem];
