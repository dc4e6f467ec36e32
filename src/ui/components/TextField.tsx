import type { Ref } from 'preact';
import { t } from '../../i18n';
import { type FieldProblem, describedBy, errorId, hintId } from '../form-errors';
import { FieldErrorText } from './FieldErrorText';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  /** The domain's refusal, said beside the field with its limit if any. */
  error?: FieldProblem | undefined;
  /** A refusal in the screen's own words, when it is not one of the domain's error codes. */
  errorText?: string | undefined;
  optional?: boolean;
  type?: 'text' | 'tel' | 'email' | 'password';
  inputMode?: 'text' | 'tel' | 'email' | 'numeric';
  autoComplete?: string;
  /** Monospace, no capitals, no spelling help: for codes to copy letter by letter. */
  code?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField(props: Props) {
  const { id, label, value, hint, error, errorText, optional } = props;
  const invalid = Boolean(error || errorText);
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
        ref={props.inputRef}
        class={props.code ? 'input-code' : undefined}
        // Preact's typings tie `list` to some types only; no datalist is used, so any type will do.
        type={(props.type ?? 'text') as 'text'}
        list={undefined}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        autoCapitalize={props.code ? 'none' : undefined}
        // Names and places may be typed right to left: the input follows what is typed.
        dir={props.code ? undefined : 'auto'}
        spellcheck={props.code ? false : undefined}
        value={value}
        aria-required={optional ? undefined : 'true'}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(hint), invalid)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldErrorText id={errorId(id)} code={error} message={errorText} />
    </div>
  );
}
