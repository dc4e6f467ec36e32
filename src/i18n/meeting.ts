/**
 * Words of the face-to-face meeting screens, loaded with them. Same contract as `t` in index.ts,
 * over their own typed keys.
 */
import type { MeetingCodeError } from '../domain/meeting-code';
import { fill } from './index';
import * as fr from './fr-meeting';

export type MeetingKey = keyof typeof fr.messages;

export interface MeetingLocale {
  messages: Record<MeetingKey, string>;
  errors: Record<MeetingCodeError, string>;
}

const locale: MeetingLocale = fr;

export const tm = (key: MeetingKey, params?: Record<string, string | number>): string =>
  fill(locale.messages[key], params);

/** Why a meeting code changed nothing, as a plain sentence for the resident. */
export const meetingError = (code: MeetingCodeError): string => locale.errors[code];
