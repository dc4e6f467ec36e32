import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { TextField } from '../../components/TextField';
import { errorFor, errorId, unplaced } from '../../form-errors';
import { useSubmit } from '../../hooks/useSubmit';
import type { AppServices } from '../../services';
import { FounderRow, type Founder } from './FounderRow';
import { PlacesEditor } from './PlacesEditor';

const FIELDS = ['name', 'places', 'dwellings', 'founders'];

/**
 * The perimeter, its streets and buildings, and the residents who start it: on first run, or on a
 * tablet joined to a perimeter the server has nothing for yet.
 */
export function PerimeterForm({ services }: { services: AppServices }) {
  const [name, setName] = useState('');
  const [places, setPlaces] = useState<string[]>(['']);
  const [dwellings, setDwellings] = useState('');
  const [founders, setFounders] = useState<Founder[]>([{ name: '', place: '' }]);

  // Once created, the current perimeter (or its content) changes and the app moves on by itself.
  const form = useSubmit(
    () =>
      services.createPerimeter({
        name,
        places,
        dwellings: dwellings.trim() === '' ? Number.NaN : Number(dwellings.replace(/\s/g, '')),
        founders,
      }),
    () => {},
  );
  const { errors } = form;
  const placeOptions = [...new Set(places.map((p) => p.trim()).filter(Boolean))];

  const setFounder = (i: number, next: Founder) => setFounders(founders.map((f, j) => (j === i ? next : f)));

  return (
    <form class="card" ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <h2>{t('welcome.form.title')}</h2>
      <p>{t('welcome.form.intro')}</p>
      <TextField
        id="perimeter-name"
        label={t('welcome.name.label')}
        hint={t('welcome.name.hint')}
        value={name}
        onInput={setName}
        error={errorFor(errors, 'name')}
      />
      <PlacesEditor places={places} onChange={setPlaces} errors={errors} />
      <TextField
        id="perimeter-dwellings"
        label={t('welcome.dwellings.label')}
        hint={t('welcome.dwellings.hint')}
        inputMode="numeric"
        value={dwellings}
        onInput={setDwellings}
        error={errorFor(errors, 'dwellings')}
      />
      <fieldset>
        <legend>{t('welcome.founders.legend')}</legend>
        <p class="hint">{t('welcome.founders.hint')}</p>
        <FieldErrorText id={errorId('founders')} code={errors.find((e) => e.field === 'founders')?.code} />
        {founders.map((founder, i) => (
          <FounderRow
            key={i}
            index={i}
            founder={founder}
            places={placeOptions}
            errors={errors}
            onChange={(next) => setFounder(i, next)}
            onRemove={founders.length > 1 ? () => setFounders(founders.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        <button
          type="button"
          class="btn btn-secondary"
          onClick={() => setFounders([...founders, { name: '', place: '' }])}
        >
          <span aria-hidden="true">➕ </span>
          {t('welcome.founders.add')}
        </button>
      </fieldset>
      <ErrorSummary errors={errors} general={unplaced(errors, FIELDS)} />
      <button type="submit" class="btn btn-primary btn-wide" disabled={form.busy}>
        {form.busy ? t('form.saving') : t('welcome.submit')}
      </button>
    </form>
  );
}
