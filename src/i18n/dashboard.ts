/**
 * Words of the dashboard and the impact report, loaded with them. Same contract as `t` and `tp`
 * in index.ts, over their own typed keys.
 */
import { type PluralKeyOf, fill, pluralForm } from './index';
import * as fr from './fr-dashboard';

export type DashboardKey = keyof typeof fr.messages;

const messages: Record<DashboardKey, string> = fr.messages;

export const td = (key: DashboardKey, params?: Record<string, string | number>): string =>
  fill(messages[key], params);

/** A plural pair of these keys, `{count}` filled in. */
export const tdp = (key: PluralKeyOf<DashboardKey>, count: number): string =>
  td(`${key}.${pluralForm(count)}` as DashboardKey, { count });
