import type { ErrorCode } from '../../domain/errors';
import { errorMessage, t } from '../../i18n';

/** An error next to its field: an icon and the word "Erreur" as well as the colour. */
export function FieldErrorText({ id, code }: { id: string; code: ErrorCode | undefined }) {
  if (!code) return null;
  return (
    <p id={id} class="field-error">
      <span aria-hidden="true">⚠️ </span>
      <span class="sr-only">{t('form.error.prefix')} </span>
      {errorMessage(code)}
    </p>
  );
}
