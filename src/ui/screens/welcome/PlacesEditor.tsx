import type { FieldError } from '../../../domain/errors';
import { t } from '../../../i18n';
import { FieldErrorText } from '../../components/FieldErrorText';
import { describedBy, errorFor, errorId } from '../../form-errors';

interface Props {
  places: string[];
  onChange: (places: string[]) => void;
  errors: FieldError[];
}

/** One input per street or building, each with its own error (`places.2`). */
export function PlacesEditor({ places, onChange, errors }: Props) {
  const listError = errors.find((e) => e.field === 'places');
  const set = (i: number, value: string) => onChange(places.map((p, j) => (j === i ? value : p)));
  return (
    <fieldset id="places" aria-describedby={listError ? errorId('places') : 'places-hint'}>
      <legend>{t('welcome.places.legend')}</legend>
      <p id="places-hint" class="hint">
        {t('welcome.places.hint')}
      </p>
      <FieldErrorText id={errorId('places')} code={listError} />
      {places.map((place, i) => {
        const id = `place-${i}`;
        const error = errorFor(errors, `places.${i}`);
        return (
          <div class="field" key={i}>
            <label for={id}>{t('welcome.place.label', { n: i + 1 })}</label>
            <div class="row">
              <input
                id={id}
                type="text"
                dir="auto"
                autoComplete="off"
                value={place}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={describedBy(id, false, error)}
                onInput={(e) => set(i, e.currentTarget.value)}
              />
              {places.length > 1 && (
                <button
                  type="button"
                  class="btn btn-quiet btn-icon"
                  onClick={() => onChange(places.filter((_, j) => j !== i))}
                >
                  <span aria-hidden="true">✖</span>
                  <span class="sr-only">{t('welcome.place.remove', { n: i + 1 })}</span>
                </button>
              )}
            </div>
            <FieldErrorText id={errorId(id)} code={error} />
          </div>
        );
      })}
      <button type="button" class="btn btn-secondary" onClick={() => onChange([...places, ''])}>
        <span aria-hidden="true">➕ </span>
        {t('welcome.places.add')}
      </button>
    </fieldset>
  );
}
