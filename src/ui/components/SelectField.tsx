import { t } from '../../i18n';
import { type FieldProblem, describedBy, errorId } from '../form-errors';
import { FieldErrorText } from './FieldErrorText';

interface Props {
  id: string;
  label: string;
  value: string;
  /** [value, label] pairs. */
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
  /** The domain's refusal, said beside the field with its limit if any. */
  error?: FieldProblem | undefined;
}

/** A select that starts on "Choisissez…" so that nobody is placed somewhere by default. */
export function SelectField({ id, label, value, options, onChange, error }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-required="true"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, false, error)}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="">{t('form.choose')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v} dir="auto">
            {text}
          </option>
        ))}
      </select>
      <FieldErrorText id={errorId(id)} code={error} />
    </div>
  );
}
