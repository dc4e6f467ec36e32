/**
 * Field errors come back from the domain with dotted paths (`places.2`, `founders.0.place`,
 * `languages.3`). A form shows each next to its input and lists them all in its ErrorSummary, each
 * with its field's label and a link to it; anything it cannot place is listed without a link, so
 * no refusal is ever silent.
 */
import type { ErrorCode, FieldError } from '../domain/errors';
import { errorMessage, t } from '../i18n';

/** What a field error element shows: a domain refusal (with its limit) or a bare code. */
export type FieldProblem = FieldError | ErrorCode;

/** The error for `field`, or for anything inside it (`languages` takes `languages.3`). */
export function errorFor(errors: FieldError[], field: string): FieldError | undefined {
  return errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
}

/** The id of the message element that describes a field's error. */
export const errorId = (inputId: string): string => `${inputId}-error`;
export const hintId = (inputId: string): string => `${inputId}-hint`;

/** aria-describedby for an input with an optional hint and an optional error. */
export function describedBy(inputId: string, hint: boolean, error: unknown): string | undefined {
  const ids = [hint ? hintId(inputId) : '', error ? errorId(inputId) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** One line of an error summary: what is wrong, and the id of the input to go to, if any. */
export interface SummaryItem {
  text: string;
  target?: string | undefined;
}

/** A form's field as its summary names it: the input's id and its visible label. */
export interface FieldTarget {
  id: string;
  label: string;
}

/**
 * The summary's lines for the domain's refusals, in the order of `fields` (the form's order; a
 * refusal no field takes comes first, unlinked). `fields` maps a dotted field to its input; a
 * refusal on `places.2.name` goes to `places.2.name`, else `places.2`, else `places`. Each line
 * names the field's label, since "à remplir" alone does not say which (WCAG 2.2 SC 3.3.1).
 */
export function summaryItems(errors: FieldError[], fields: Record<string, FieldTarget>): SummaryItem[] {
  const keys = Object.keys(fields);
  const placed = errors.map((error) => {
    const parts = error.field.split('.');
    let key: string | undefined;
    for (let n = parts.length; n > 0 && key === undefined; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (candidate in fields) key = candidate;
    }
    const message = errorMessage(error);
    const target = key === undefined ? undefined : fields[key];
    return {
      rank: key === undefined ? -1 : keys.indexOf(key),
      item: target
        ? { text: t('form.errors.item', { label: target.label, message }), target: target.id }
        : { text: message },
    };
  });
  return placed.sort((a, b) => a.rank - b.rank).map((p) => p.item);
}
