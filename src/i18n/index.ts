/**
 * The only way the UI gets words. Keys come from the French source locale, so a missing or
 * misspelt key is a compile error; another locale plugs in by satisfying `Locale`.
 */
import type { ErrorCode } from '../domain/errors';
import type { AnswerValue, IdeaKind, Language, SessionKind } from '../domain/schemas';
import * as fr from './fr';

export type MessageKey = keyof typeof fr.messages;

export interface Locale {
  tag: string;
  messages: Record<MessageKey, string>;
  errors: Record<ErrorCode, string>;
  languages: Record<Language, string>;
  sessionKinds: Record<SessionKind, string>;
  answers: Record<AnswerValue, string>;
  ideaKinds: Record<IdeaKind, string>;
}

const locale: Locale = fr;

type Params = Record<string, string | number>;

/** Keys `x` for which both `x.one` and `x.other` exist. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one`
    ? `${Base}.other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

const plurals = new Intl.PluralRules(locale.tag);

export function t(key: MessageKey, params?: Params): string {
  const text = locale.messages[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : format(value);
  });
}

/** A plural pair, `{count}` filled in: in French 0 and 1 take the singular. */
export function tp(key: PluralKey, count: number, params?: Params): string {
  const form = plurals.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { ...params, count });
}

export const errorMessage = (code: ErrorCode): string => locale.errors[code];
export const languageName = (language: Language): string => locale.languages[language];
/** Every language, in the source locale's order (the domain's order). */
export const languageNames: Readonly<Record<Language, string>> = locale.languages;
export const sessionKindLabel = (kind: SessionKind): string => locale.sessionKinds[kind];
export const answerLabel = (value: AnswerValue): string => locale.answers[value];
export const ideaKindLabel = (kind: IdeaKind): string => locale.ideaKinds[kind];

const dateFormat = new Intl.DateTimeFormat(locale.tag, { weekday: 'long', day: 'numeric', month: 'long' });

/** A calendar date (YYYY-MM-DD) as words, read in local time so the day does not shift. */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return dateFormat.format(new Date(y, m - 1, d));
}

function format(value: string | number): string {
  return typeof value === 'number' ? value.toLocaleString(locale.tag) : value;
}
