import type { ErrorCode, FieldError } from '../../domain/errors';
import { errorMessage, t } from '../../i18n';

/**
 * Says that the form was refused, right above its submit button, and lists the refusals that
 * belong to no single field. `role="alert"` makes screen readers say it as it appears.
 */
export function ErrorSummary({ errors, general }: { errors: FieldError[]; general: ErrorCode[] }) {
  if (errors.length === 0) return null;
  const onlyGeneral = general.length === errors.length;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-error-summary>
      <p>
        <span aria-hidden="true">⚠️ </span>
        {t('form.errors.title')}
      </p>
      <ul>
        {general.map((code, i) => (
          <li key={i}>{errorMessage(code)}</li>
        ))}
        {!onlyGeneral && <li>{t('form.errors.fields')}</li>}
      </ul>
    </div>
  );
}
