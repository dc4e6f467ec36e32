/**
 * Words of the links screens, loaded with them. Same contract as `t` and `tp` in index.ts, over
 * their own typed keys.
 */
import { type PluralKeyOf, fill, pluralForm } from './index';
import * as fr from './fr-neighbours';

export type NeighboursKey = keyof typeof fr.messages;

const messages: Record<NeighboursKey, string> = fr.messages;

export const tn = (key: NeighboursKey, params?: Record<string, string | number>): string =>
  fill(messages[key], params);

/** A plural pair of these keys, `{count}` filled in. */
export const tnp = (key: PluralKeyOf<NeighboursKey>, count: number): string =>
  tn(`${key}.${pluralForm(count)}` as NeighboursKey, { count });
