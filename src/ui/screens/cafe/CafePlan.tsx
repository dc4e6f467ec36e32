import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { tc } from '../../../i18n/cafe';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { FieldErrorText } from '../../components/FieldErrorText';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { Title } from '../../components/Title';
import { useLive } from '../../hooks/useLive';
import { navigate } from '../../hooks/useRoute';
import type { PerimeterServices } from '../../services';
import './cafe.css';

const OTHER = '__other__';
const LOCAL = '__local__';

/**
 * Plans a café: date and times, a place among the perimeter's or typed, a catalogue theme or a
 * local one (named, with local ideas ticked), a short welcome. Refusals come from the domain
 * (cafe-commands.ts planCafe), shown beside their field.
 */
export function CafePlan({ ps }: { ps: PerimeterServices }) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('15:00');
  const [end, setEnd] = useState('17:00');
  const [place, setPlace] = useState('');
  const [freePlace, setFreePlace] = useState('');
  const [theme, setTheme] = useState('');
  const [localTheme, setLocalTheme] = useState('');
  const [ideaIds, setIdeaIds] = useState<string[]>([]);
  const [welcome, setWelcome] = useState('');
  const [errors, setErrors] = useState<{ field: string; code: ErrorCode }[]>([]);
  const [busy, setBusy] = useState(false);
  if (!perimeter || !catalogue) return <Loading />;
  const local = theme === LOCAL;
  const localIdeas = catalogue.ideas.filter(
    (idea) => catalogue.localIds.has(idea.id) && !catalogue.retired.has(idea.id),
  );
  const errorOf = (field: string) =>
    errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.code;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await ps.commands
      .planCafe({
        date,
        start,
        end,
        place: place === OTHER ? freePlace : place,
        theme: local || theme === '' ? null : theme,
        localTheme: local ? localTheme : null,
        ideaIds: local ? ideaIds : [],
        welcome,
      })
      .catch(commandFailed<string>);
    setBusy(false);
    if (result.ok) navigate({ name: 'cafe', cafeId: result.value }, { replace: true });
    else setErrors(result.errors);
  };

  return (
    <>
      <Title>{tc('cafe.plan.title')}</Title>
      <form class="cafe-form" onSubmit={(e) => void submit(e)} noValidate>
        <Alert code={errors.find((e) => e.field === '')?.code} />
        <div class="field">
          <label for="cafe-date">{tc('cafe.field.date')}</label>
          <input id="cafe-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          <FieldErrorText id="cafe-date-error" code={errorOf('date')} />
        </div>
        <div class="cafe-times">
          <div class="field">
            <label for="cafe-start">{tc('cafe.field.start')}</label>
            <input
              id="cafe-start"
              type="time"
              value={start}
              onInput={(e) => setStart(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="cafe-end">{tc('cafe.field.end')}</label>
            <input id="cafe-end" type="time" value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
            <FieldErrorText id="cafe-end-error" code={errorOf('end')} />
          </div>
        </div>
        <SelectField
          id="cafe-place"
          label={tc('cafe.field.place')}
          value={place}
          options={[
            ...perimeter.places.map((p) => [p, p] as const),
            [OTHER, tc('cafe.field.place.other')] as const,
          ]}
          onChange={setPlace}
          error={place === OTHER ? undefined : errorOf('place')}
        />
        {place === OTHER && (
          <TextField
            id="cafe-free-place"
            label={tc('cafe.field.place.free')}
            value={freePlace}
            onInput={setFreePlace}
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
          onChange={setTheme}
          error={local ? undefined : errorOf('theme')}
        />
        {local && (
          <>
            <TextField
              id="cafe-local-theme"
              label={tc('cafe.field.local-theme')}
              value={localTheme}
              onInput={setLocalTheme}
              error={errorOf('localTheme') ?? errorOf('theme')}
            />
            {localIdeas.length > 0 && (
              <fieldset class="field">
                <legend>{tc('cafe.field.local-ideas')}</legend>
                {localIdeas.map((idea) => (
                  <label key={idea.id} class="check-row">
                    <input
                      type="checkbox"
                      checked={ideaIds.includes(idea.id)}
                      onChange={(e) =>
                        setIdeaIds((ids) =>
                          e.currentTarget.checked ? [...ids, idea.id] : ids.filter((id) => id !== idea.id),
                        )
                      }
                    />{' '}
                    <bdi>{idea.title}</bdi>
                  </label>
                ))}
              </fieldset>
            )}
          </>
        )}
        <TextField
          id="cafe-welcome"
          label={tc('cafe.field.welcome')}
          value={welcome}
          onInput={setWelcome}
          optional
          error={errorOf('welcome')}
        />
        <p>
          <button type="submit" class="btn btn-primary btn-big btn-wide" disabled={busy}>
            {tc('cafe.plan.submit')}
          </button>
        </p>
      </form>
    </>
  );
}
