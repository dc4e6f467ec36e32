import { tc } from '../../../i18n/cafe';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { KeptFormNote } from '../../components/KeptFormNote';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { Title } from '../../components/Title';
import {
  type FieldProblem,
  type FieldTarget,
  describedBy,
  errorFor,
  errorId,
  summaryItems,
} from '../../form-errors';
import { useKeptForm } from '../../hooks/useKeptForm';
import { useLive } from '../../hooks/useLive';
import { navigate } from '../../hooks/useRoute';
import { useSubmit } from '../../hooks/useSubmit';
import type { PerimeterServices } from '../../services';
import './cafe.css';

const OTHER = '__other__';
const LOCAL = '__local__';

/** The plan as typed, before it is sent. */
type Plan = {
  date: string;
  start: string;
  end: string;
  place: string;
  freePlace: string;
  theme: string;
  localTheme: string;
  ideaIds: string[];
  welcome: string;
};

const BLANK: Plan = {
  date: '',
  start: '15:00',
  end: '17:00',
  place: '',
  freePlace: '',
  theme: '',
  localTheme: '',
  ideaIds: [],
  welcome: '',
};

/**
 * Plans a café: date and times, a place among the perimeter's or typed, a catalogue theme or a
 * local one (named, with local ideas ticked), a short welcome. Refusals come from the domain
 * (cafe-commands.ts planCafe), all at once: listed at the top, each a link to its field, and beside
 * their field; what was typed stays, on the tablet too (useKeptForm), until the café is planned.
 */
export function CafePlan({ ps }: { ps: PerimeterServices }) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  // Kept on the tablet while it is typed: a reload or a killed browser loses nothing.
  const kept = useKeptForm(ps.keptForm, 'cafe-plan', BLANK);
  const { date, start, end, place, freePlace, theme, localTheme, ideaIds, welcome } = kept.fields;
  const text = (name: Exclude<keyof Plan, 'ideaIds'>) => (value: string) => kept.set(name, value);
  const form = useSubmit(
    () =>
      ps.commands.planCafe({
        date,
        start,
        end,
        place: place === OTHER ? freePlace : place,
        theme: theme === LOCAL || theme === '' ? null : theme,
        localTheme: theme === LOCAL ? localTheme : null,
        ideaIds: theme === LOCAL ? ideaIds : [],
        welcome,
      }),
    async (cafeId) => {
      await kept.clear();
      navigate({ name: 'cafe', cafeId }, { replace: true });
    },
  );
  const { errors } = form;
  if (!perimeter || !catalogue) return <Loading />;
  const local = theme === LOCAL;
  const localIdeas = catalogue.ideas.filter(
    (idea) => catalogue.localIds.has(idea.id) && !catalogue.retired.has(idea.id),
  );
  const errorOf = (field: string) => errorFor(errors, field);
  // Every refusal at once, at the top, each a link to the box it concerns (the place and theme
  // boxes shown depend on the choices made).
  const placeId = place === OTHER ? 'cafe-free-place' : 'cafe-place';
  const themeTarget = local
    ? { id: 'cafe-local-theme', label: tc('cafe.field.local-theme') }
    : { id: 'cafe-theme', label: tc('cafe.field.theme') };
  const targets: Record<string, FieldTarget> = {
    date: { id: 'cafe-date', label: tc('cafe.field.date') },
    start: { id: 'cafe-start', label: tc('cafe.field.start') },
    end: { id: 'cafe-end', label: tc('cafe.field.end') },
    place: {
      id: placeId,
      label: place === OTHER ? tc('cafe.field.place.free') : tc('cafe.field.place'),
    },
    theme: themeTarget,
    localTheme: themeTarget,
    ideaIds: { id: 'cafe-local-ideas', label: tc('cafe.field.local-ideas') },
    welcome: { id: 'cafe-welcome', label: tc('cafe.field.welcome') },
  };

  return (
    <>
      <Title>{tc('cafe.plan.title')}</Title>
      <form class="cafe-form" ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <KeptFormNote kept={kept} />
        <ErrorSummary items={summaryItems(errors, targets)} />
        <TimeInput
          id="cafe-date"
          type="date"
          label={tc('cafe.field.date')}
          value={date}
          onInput={text('date')}
          error={errorOf('date')}
        />
        <div class="cafe-times">
          <TimeInput
            id="cafe-start"
            type="time"
            label={tc('cafe.field.start')}
            value={start}
            onInput={text('start')}
            error={errorOf('start')}
          />
          <TimeInput
            id="cafe-end"
            type="time"
            label={tc('cafe.field.end')}
            value={end}
            onInput={text('end')}
            error={errorOf('end')}
          />
        </div>
        <SelectField
          id="cafe-place"
          label={tc('cafe.field.place')}
          value={place}
          options={[
            ...perimeter.places.map((p) => [p, p] as const),
            [OTHER, tc('cafe.field.place.other')] as const,
          ]}
          onChange={text('place')}
          error={place === OTHER ? undefined : errorOf('place')}
        />
        {place === OTHER && (
          <TextField
            id="cafe-free-place"
            label={tc('cafe.field.place.free')}
            value={freePlace}
            onInput={text('freePlace')}
            error={errorOf('place')}
          />
        )}
        <SelectField
          id="cafe-theme"
          label={tc('cafe.field.theme')}
          value={theme}
          options={[
            ...catalogue.themes.map((th) => [th.id, th.title] as const),
            [LOCAL, tc('cafe.field.theme.local')] as const,
          ]}
          onChange={text('theme')}
          error={local ? undefined : errorOf('theme')}
        />
        {local && (
          <>
            <TextField
              id="cafe-local-theme"
              label={tc('cafe.field.local-theme')}
              value={localTheme}
              onInput={text('localTheme')}
              error={errorOf('localTheme') ?? errorOf('theme')}
            />
            {localIdeas.length > 0 && (
              <fieldset
                id="cafe-local-ideas"
                class="field"
                aria-describedby={describedBy('cafe-local-ideas', false, errorOf('ideaIds'))}
              >
                <legend>{tc('cafe.field.local-ideas')}</legend>
                {localIdeas.map((idea) => (
                  <label key={idea.id} class="check-row">
                    <input
                      type="checkbox"
                      checked={ideaIds.includes(idea.id)}
                      onChange={(e) =>
                        kept.set(
                          'ideaIds',
                          e.currentTarget.checked
                            ? [...ideaIds, idea.id]
                            : ideaIds.filter((id) => id !== idea.id),
                        )
                      }
                    />{' '}
                    <bdi>{idea.title}</bdi>
                  </label>
                ))}
                <FieldErrorText id={errorId('cafe-local-ideas')} code={errorOf('ideaIds')} />
              </fieldset>
            )}
          </>
        )}
        <TextField
          id="cafe-welcome"
          label={tc('cafe.field.welcome')}
          value={welcome}
          onInput={text('welcome')}
          optional
          error={errorOf('welcome')}
        />
        <p>
          <button type="submit" class="btn btn-primary btn-big btn-wide" disabled={form.busy}>
            {tc('cafe.plan.submit')}
          </button>
        </p>
      </form>
    </>
  );
}

interface TimeInputProps {
  id: string;
  type: 'date' | 'time';
  label: string;
  value: string;
  onInput: (value: string) => void;
  error: FieldProblem | undefined;
}

/** A date or time box with its label and its error, tied to it for screen readers. */
function TimeInput({ id, type, label, value, onInput, error }: TimeInputProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        aria-required="true"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, false, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <FieldErrorText id={errorId(id)} code={error} />
    </div>
  );
}
