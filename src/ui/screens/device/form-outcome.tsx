/**
 * The parts the device page's file forms (ExportForm, ImportForm) share around their fields: the
 * lines of their error summary, and what they say once the file was written or read.
 */
import type { ComponentChildren } from 'preact';
import type { SummaryItem } from '../../form-errors';

/** A field's line in the error summary: its error text, if any, and its input's id. */
export interface FieldLine {
  text: string | undefined;
  target: string;
}

/** The summary's lines of the fields in error, in the form's order (empty when none is). */
export function fieldsInError(lines: FieldLine[]): SummaryItem[] {
  return lines.filter((line): line is { text: string; target: string } => Boolean(line.text));
}

/**
 * The outcome of a submit, below the fields: `success` in a status region that is always in the
 * page, so that screen readers say the text as it appears (WCAG 2.2 SC 4.1.3 Status Messages);
 * `failure` as an alert. Neither given: an empty status region.
 */
export function FormOutcome({
  success,
  failure,
}: {
  success?: ComponentChildren;
  failure?: ComponentChildren;
}) {
  return (
    <>
      <div role="status">
        {success !== undefined && (
          <p class="success">
            <span aria-hidden="true">✅ </span>
            {success}
          </p>
        )}
      </div>
      {failure !== undefined && (
        <div class="error-summary" role="alert">
          <p>
            <span aria-hidden="true">⚠️ </span>
            {failure}
          </p>
        </div>
      )}
    </>
  );
}
