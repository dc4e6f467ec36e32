import type * as z from 'zod/mini';
import { ERROR_CODES, type ErrorCode, type FieldError, type Result } from './errors';

const known = new Set<string>(ERROR_CODES);

/** The value at a zod issue's path in the input, or undefined when the path leads nowhere. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function codeOf(issue: z.core.$ZodIssue, value: unknown): ErrorCode {
  // An empty box or an untouched "Choisissez…" reads as "to fill in", whatever the schema says of
  // a filled one (an unknown id, a malformed date): the person left it empty, that is what to fix.
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return 'required';
  if (known.has(issue.message)) return issue.message as ErrorCode;
  // A mistyped value (e.g. a number where a string is expected) reads as "required".
  if (issue.code === 'invalid_type') return 'required';
  return 'invalid';
}

/** An issue's limit worth saying: the most characters of a text (not the most items of a list). */
function maxOf(issue: z.core.$ZodIssue): number | undefined {
  if (issue.code !== 'too_big' || issue.origin !== 'string') return undefined;
  return Number(issue.maximum);
}

/**
 * Validates with a zod schema and turns its issues into field errors: every field refused, each
 * once (its first issue), in the schema's order, so that a form shows all its errors at once
 * (WCAG 2.2 SC 3.3.1). A 'too-long' text carries its `max` characters.
 */
export function validate<T>(schema: z.ZodMiniType<T>, input: unknown): Result<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.');
    const code = codeOf(issue, valueAt(input, issue.path));
    const max = code === 'too-long' ? maxOf(issue) : undefined;
    errors.push(max === undefined ? { field, code } : { field, code, max });
  }
  return { ok: false, errors: firstPerField(errors) };
}

/** The first refusal of each field, in order: a field shows one message, the most basic one. */
export function firstPerField(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (seen.has(error.field)) return false;
    seen.add(error.field);
    return true;
  });
}

/**
 * A command's refusals all at once: the schema's (if `parsed` failed) and then the command's own
 * checks (falsy entries are checks that passed), one per field, the schema's first. A check on a
 * field the schema already refused is dropped: "to fill in" says more than "unknown place".
 * Returns [] when all passed.
 */
export function refusals(
  parsed: Result<unknown>,
  checks: readonly (FieldError | false | null | undefined)[],
): FieldError[] {
  const own = checks.filter((check): check is FieldError => Boolean(check));
  return firstPerField([...(parsed.ok ? [] : parsed.errors), ...own]);
}
