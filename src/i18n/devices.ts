/**
 * Words of the screens that connect devices (joining, phone access, "Cet appareil"), loaded with
 * those screens. Same contract as `t` / `tp` in index.ts, over their own typed keys.
 */
import { type PluralKeyOf, fill, pluralForm } from './index';
import * as fr from './fr-devices';

export type DevicesKey = keyof typeof fr.messages;

export interface DevicesLocale {
  messages: Record<DevicesKey, string>;
}

const locale: DevicesLocale = fr;

export const td = (key: DevicesKey, params?: Record<string, string | number>): string =>
  fill(locale.messages[key], params);

export function tdp(
  key: PluralKeyOf<DevicesKey>,
  count: number,
  params?: Record<string, string | number>,
): string {
  return td(`${key}.${pluralForm(count)}` as DevicesKey, { ...params, count });
}
