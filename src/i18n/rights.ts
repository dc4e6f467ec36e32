/**
 * Words of a household's rights screens ("Mes informations", the goodbye, retention), loaded with
 * them. Same contract as `t` and `tp` in index.ts, over their own typed keys.
 */
import { type PluralKeyOf, fill, pluralForm } from './index';
import * as fr from './fr-rights';

export type RightsKey = keyof typeof fr.messages;

const messages: Record<RightsKey, string> = fr.messages;

export const tr = (key: RightsKey, params?: Record<string, string | number>): string =>
  fill(messages[key], params);

/** A plural pair of these keys, `{count}` filled in. */
export const trp = (key: PluralKeyOf<RightsKey>, count: number, params?: Record<string, string | number>) =>
  tr(`${key}.${pluralForm(count)}` as RightsKey, { ...params, count });
