/**
 * The only way the UI gets words. Keys come from the French source locale, so a missing or
 * misspelt key is a compile error; another locale plugs in by satisfying `Locale`.
 */
import type { ErrorCode, FieldError } from '../domain/errors';
import type { AnswerValue, IdeaKind, Language, SessionKind } from '../domain/schemas';
import * as fr from './fr';

export type MessageKey = keyof typeof fr.messages;

export interface Locale {
  tag: string;
  messages: Record<MessageKey, string>;
  errors: Record<ErrorCode, string>;
  /** The same refusals said with their limit (`{max}`), when the domain gives one. */
  errorsWithLimit: Partial<Record<ErrorCode, string>>;
  languages: Record<Language, string>;
  sessionKinds: Record<SessionKind, string>;
  answers: Record<AnswerValue, string>;
  ideaKinds: Record<IdeaKind, string>;
}

const locale: Locale = fr;

type Params = Record<string, string | number>;

/** Keys `x` for which both `x.one` and `x.other` exist among `Keys`. */
export type PluralKeyOf<Keys extends string> = {
  [K in Keys]: K extends `${infer Base}.one` ? (`${Base}.other` extends Keys ? Base : never) : never;
}[Keys];

export type PluralKey = PluralKeyOf<MessageKey>;

const plurals = new Intl.PluralRules(locale.tag);

export function t(key: MessageKey, params?: Params): string {
  return fill(locale.messages[key], params);
}

/** A plural pair, `{count}` filled in: in French 0 and 1 take the singular. */
export function tp(key: PluralKey, count: number, params?: Params): string {
  return t(`${key}.${pluralForm(count)}` as MessageKey, { ...params, count });
}

/** A message with its `{name}` placeholders filled in; numbers written the locale's way. */
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : format(value);
  });
}

export const pluralForm = (count: number): 'one' | 'other' =>
  plurals.select(count) === 'one' ? 'one' : 'other';

/**
 * What is wrong and how to put it right: a code alone, or a field's refusal with the limit the
 * domain gave (`max` characters for 'too-long').
 */
export function errorMessage(error: ErrorCode | Pick<FieldError, 'code' | 'max'>): string {
  const { code, max } = typeof error === 'string' ? { code: error, max: undefined } : error;
  const withLimit = locale.errorsWithLimit[code];
  return max !== undefined && withLimit ? fill(withLimit, { max }) : locale.errors[code];
}
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

/** "14 h 32": a time of day on this device's clock, as French signs write it. */
export function formatClock(iso: string): string {
  const at = new Date(iso);
  return t('time.clock', { h: String(at.getHours()), m: String(at.getMinutes()).padStart(2, '0') });
}

/** "à 14 h 32" today, "le mardi 3 juin à 14 h 32" another day. */
export function formatMoment(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = formatClock(iso);
  return at.toDateString() === now.toDateString()
    ? t('time.today', { time })
    : t('time.day', { date: dateFormat.format(at), time });
}

function format(value: string | number): string {
  return typeof value === 'number' ? value.toLocaleString(locale.tag) : value;
}
