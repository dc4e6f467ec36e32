import { errorMessage, t } from '../../i18n';
import type { FieldProblem } from '../form-errors';

interface Props {
  id: string;
  /** The domain's refusal (its `max` says the limit) or a bare code. */
  code?: FieldProblem | undefined;
  /** A message of the screen's own, for refusals that are not the domain's (a passphrase, a code). */
  message?: string | undefined;
}

/** An error next to its field: an icon and the word "Erreur" as well as the colour. */
export function FieldErrorText({ id, code, message }: Props) {
  const text = message ?? (code && errorMessage(code));
  if (!text) return null;
  return (
    <p id={id} class="field-error">
      <span aria-hidden="true">⚠️ </span>
      <span class="sr-only">{t('form.error.prefix')} </span>
      {text}
    </p>
  );
}
