import type { ErrorCode } from '../../domain/errors';
import { t } from '../../i18n';
import { describedBy, errorId, hintId } from '../form-errors';
import { FieldErrorText } from './FieldErrorText';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: ErrorCode | undefined;
  optional?: boolean;
  type?: 'text' | 'tel' | 'email';
  inputMode?: 'text' | 'tel' | 'email' | 'numeric';
  autoComplete?: string;
}

export function TextField(props: Props) {
  const { id, label, value, hint, error, optional } = props;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {optional && <span class="optional"> {t('form.optional')}</span>}
      </label>
      {hint && (
        <p id={hintId(id)} class="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={props.type ?? 'text'}
        // Lets Preact's typings accept a `type` chosen at run time; no datalist is used.
        list={undefined}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        value={value}
        aria-required={optional ? undefined : 'true'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(hint), error)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldErrorText id={errorId(id)} code={error} />
    </div>
  );
}
