import type { Language } from '../../../domain/schemas';
import { languageName, t } from '../../../i18n';
import { CheckItem } from '../../components/CheckItem';
import { FieldErrorText } from '../../components/FieldErrorText';
import { type FieldProblem, errorId } from '../../form-errors';
import { ALL_LANGUAGES } from '../../kinds';

/** The languages most heard at the table come first; the others wait behind "Autres langues". */
const COMMON: readonly Language[] = ['fr', 'ar', 'ber', 'en', 'es', 'pt'];
const OTHERS = ALL_LANGUAGES.filter((l) => !COMMON.includes(l));

interface Props {
  chosen: Language[];
  onChange: (languages: Language[]) => void;
  error: FieldProblem | undefined;
}

export function LanguagePicker({ chosen, onChange, error }: Props) {
  const item = (language: Language) => (
    <CheckItem
      key={language}
      id={`language-${language}`}
      checked={chosen.includes(language)}
      onChange={(on) => onChange(on ? [...chosen, language] : chosen.filter((l) => l !== language))}
    >
      {languageName(language)}
    </CheckItem>
  );
  return (
    <fieldset id="languages" aria-describedby={error ? errorId('languages') : undefined}>
      <legend>{t('signup.languages.legend')}</legend>
      <div class="checklist checklist-columns">{COMMON.map(item)}</div>
      {/* Open when a language in it is ticked, so that no choice is hidden. */}
      <details open={chosen.some((l) => OTHERS.includes(l))}>
        <summary>{t('signup.languages.more')}</summary>
        <div class="checklist checklist-columns">{OTHERS.map(item)}</div>
      </details>
      <FieldErrorText id={errorId('languages')} code={error} />
    </fieldset>
  );
}
