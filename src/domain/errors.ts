/**
 * Every reason the domain can refuse an input. The UI turns each code into a sentence in the
 * user's language (src/i18n); the domain never holds user-facing text.
 */
export const ERROR_CODES = [
  'required',
  'too-long',
  'invalid',
  'invalid-phone',
  'invalid-email',
  'invalid-date',
  'date-past',
  'dwellings-range',
  'places-required',
  'places-duplicate',
  'founders-required',
  'place-unknown',
  'consent-required',
  'perimeter-exists',
  'perimeter-missing',
  'session-missing',
  'session-closed',
  'no-witness-present',
  'witness-required',
  'witness-not-present',
  'household-missing',
  'idea-missing',
  'idea-retired',
  'answer-not-allowed',
  'theme-missing',
  'credential-missing',
  'link-self',
  'link-not-a-match',
  'group-threshold-range',
  'invalid-time',
  'cafe-theme-required',
  'cafe-time-order',
  'cafe-missing',
  'cafe-not-planned',
  'cafe-too-early',
  'cafe-over',
  'cafe-state',
  'proposal-missing',
  'proposal-decided',
  'proposals-full',
  'project-missing',
  'projects-full',
  'storage-full',
  'storage-failed',
  'app-outdated',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A refusal tied to the form field it concerns ('' when it concerns the whole form), with what its
 * message needs to say how to put it right (WCAG 2.2 SC 3.3.3 Error Suggestion): `max`, for
 * 'too-long' on a text, is the most characters the field takes (the schema's own limit).
 */
export interface FieldError {
  field: string;
  code: ErrorCode;
  max?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(field: string, code: ErrorCode): Result<T> => ({
  ok: false,
  errors: [{ field, code }],
});
