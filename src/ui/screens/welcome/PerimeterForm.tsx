import { t } from '../../../i18n';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { KeptFormNote } from '../../components/KeptFormNote';
import { TextField } from '../../components/TextField';
import { type FieldTarget, errorFor, errorId, summaryItems } from '../../form-errors';
import { useKeptForm } from '../../hooks/useKeptForm';
import { useSubmit } from '../../hooks/useSubmit';
import type { AppServices } from '../../services';
import { FounderRow, type Founder } from './FounderRow';
import { PlacesEditor } from './PlacesEditor';

/** The form as typed; the founders as two lists of the same length (what the device keeps). */
const BLANK = {
  name: '',
  places: [''],
  dwellings: '',
  founderNames: [''],
  founderPlaces: [''],
};

/**
 * The perimeter, its streets and buildings, and the residents who start it: on first run, or on a
 * tablet joined to a perimeter the server has nothing for yet.
 */
export function PerimeterForm({ services }: { services: AppServices }) {
  // Kept on the tablet until the perimeter is created (useKeptForm): a reload loses nothing.
  const kept = useKeptForm(services.keptForm, 'perimeter', BLANK);
  const { name, places, dwellings, founderNames, founderPlaces } = kept.fields;
  const founders: Founder[] = founderNames.map((founder, i) => ({
    name: founder,
    place: founderPlaces[i] ?? '',
  }));
  const setName = (value: string) => kept.set('name', value);
  const setPlaces = (value: string[]) => kept.set('places', value);
  const setDwellings = (value: string) => kept.set('dwellings', value);
  const setFounders = (value: Founder[]) => {
    kept.set(
      'founderNames',
      value.map((f) => f.name),
    );
    kept.set(
      'founderPlaces',
      value.map((f) => f.place),
    );
  };

  // Once created, the current perimeter (or its content) changes and the app moves on by itself.
  const form = useSubmit(
    () =>
      services.createPerimeter({
        name,
        places,
        dwellings: dwellings.trim() === '' ? Number.NaN : Number(dwellings.replace(/\s/g, '')),
        founders,
      }),
    () => kept.clear(),
  );
  const { errors } = form;
  const placeOptions = [...new Set(places.map((p) => p.trim()).filter(Boolean))];

  // In the form's order, one line per street and per founder's box.
  const targets: Record<string, FieldTarget> = {
    name: { id: 'perimeter-name', label: t('welcome.name.label') },
    places: { id: 'places', label: t('welcome.places.legend') },
    ...Object.fromEntries(
      places.map((_, i) => [
        `places.${i}`,
        { id: `place-${i}`, label: t('welcome.place.label', { n: i + 1 }) },
      ]),
    ),
    dwellings: { id: 'perimeter-dwellings', label: t('welcome.dwellings.label') },
    founders: { id: 'founders', label: t('welcome.founders.legend') },
    ...Object.fromEntries(
      founders.flatMap((_, i) => [
        [`founders.${i}.name`, { id: `founder-${i}-name`, label: founderLabel(i, 'welcome.founder.name') }],
        [
          `founders.${i}.place`,
          { id: `founder-${i}-place`, label: founderLabel(i, 'welcome.founder.place') },
        ],
      ]),
    ),
  };

  const setFounder = (i: number, next: Founder) => setFounders(founders.map((f, j) => (j === i ? next : f)));

  return (
    <form class="card" ref={form.formRef} onSubmit={form.onSubmit} noValidate>
      <h2>{t('welcome.form.title')}</h2>
      <p>{t('welcome.form.intro')}</p>
      <KeptFormNote kept={kept} />
      <ErrorSummary items={summaryItems(errors, targets)} />
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
      <fieldset id="founders">
        <legend>{t('welcome.founders.legend')}</legend>
        <p class="hint">{t('welcome.founders.hint')}</p>
        <FieldErrorText id={errorId('founders')} code={errors.find((e) => e.field === 'founders')} />
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
      <button type="submit" class="btn btn-primary btn-wide" disabled={form.busy}>
        {form.busy ? t('form.saving') : t('welcome.submit')}
      </button>
    </form>
  );
}

/** "Habitant 2 : Nom": a founder's box named with its row, since every row has the same labels. */
function founderLabel(index: number, key: 'welcome.founder.name' | 'welcome.founder.place'): string {
  return t('form.errors.item', { label: t('welcome.founder.legend', { n: index + 1 }), message: t(key) });
}
