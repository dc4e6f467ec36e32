import type * as z from 'zod/mini';
import { ERROR_CODES, type ErrorCode, type FieldError, type Result } from './errors';

const known = new Set<string>(ERROR_CODES);

function codeOf(issue: z.core.$ZodIssue): ErrorCode {
  if (known.has(issue.message)) return issue.message as ErrorCode;
  // A missing or mistyped value (e.g. undefined where a string is expected) reads as "required".
  if (issue.code === 'invalid_type') return 'required';
  return 'invalid';
}

/** Validates with a zod schema and turns its issues into field errors, one per field. */
export function validate<T>(schema: z.ZodMiniType<T>, input: unknown): Result<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, code: codeOf(issue) });
  }
  return { ok: false, errors };
}
