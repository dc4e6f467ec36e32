/**
 * Words of the Café-Rencontre's screens, loaded with them. Same contract as `t` and `tp` in
 * index.ts, over their own typed keys.
 */
import type { PosterCodeError } from '../domain/cafe-poster-code';
import { type PluralKeyOf, fill, pluralForm } from './index';
import * as fr from './fr-cafe';

export type CafeKey = keyof typeof fr.messages;

const messages: Record<CafeKey, string> = fr.messages;

export const tc = (key: CafeKey, params?: Record<string, string | number>): string =>
  fill(messages[key], params);

/** A plural pair of these keys, `{count}` filled in. */
export const tcp = (key: PluralKeyOf<CafeKey>, count: number): string =>
  tc(`${key}.${pluralForm(count)}` as CafeKey, { count });

/**
 * Why the poster's code changed nothing, as a plain sentence for the resident; `params` fills the
 * sentence's blanks ('poster-cafe-early' names the café's day `{date}` and start `{start}`).
 */
export const posterError = (code: PosterCodeError | 'not-saved', params?: Record<string, string>): string =>
  fill(fr.posterErrors[code], params);
