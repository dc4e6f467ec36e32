/**
 * Field errors come back from the domain with dotted paths (`places.2`, `founders.0.place`,
 * `languages.3`). A form shows each next to its input; anything it cannot place goes to the
 * summary, so no refusal is ever silent.
 */
import type { ErrorCode, FieldError } from '../domain/errors';

/** The error for `field`, or for anything inside it (`languages` takes `languages.3`). */
export function errorFor(errors: FieldError[], field: string): ErrorCode | undefined {
  return errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.code;
}

/** Errors that none of the given fields (nor their insides) will show. */
export function unplaced(errors: FieldError[], fields: string[]): ErrorCode[] {
  return errors
    .filter((e) => !fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)))
    .map((e) => e.code);
}

/** The id of the message element that describes a field's error. */
export const errorId = (inputId: string): string => `${inputId}-error`;
export const hintId = (inputId: string): string => `${inputId}-hint`;

/** aria-describedby for an input with an optional hint and an optional error. */
export function describedBy(
  inputId: string,
  hint: boolean,
  error: ErrorCode | undefined,
): string | undefined {
  const ids = [hint ? hintId(inputId) : '', error ? errorId(inputId) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
