import { useState } from 'preact/hooks';
import type { SessionKind } from '../../domain/schemas';
import { sessionKindLabel, t } from '../../i18n';
import { ErrorSummary } from '../components/ErrorSummary';
import { FieldErrorText } from '../components/FieldErrorText';
import { HouseholdChecklist, byName } from '../components/HouseholdChecklist';
import { KeptFormNote } from '../components/KeptFormNote';
import { Loading } from '../components/Loading';
import { TextField } from '../components/TextField';
import { Title } from '../components/Title';
import { describedBy, errorFor, errorId, hintId, summaryItems } from '../form-errors';
import { useKeptForm } from '../hooks/useKeptForm';
import { useLive } from '../hooks/useLive';
import { navigate } from '../hooks/useRoute';
import { useSubmit } from '../hooks/useSubmit';
import { ALL_SESSION_KINDS } from '../kinds';
import type { PerimeterServices } from '../services';
import { SESSION_KIND_ICONS } from '../session-kinds';

export function OpenSession({ ps }: { ps: PerimeterServices }) {
  const households = useLive(() => ps.queries.households(), [ps]);
  // Kept on the tablet until the session opens (useKeptForm): a reload loses nothing.
  const [blank] = useState(() => ({ date: today(), place: '', kind: 'cafe', present: [] as string[] }));
  const kept = useKeptForm(ps.keptForm, 'open-session', blank);
  const { date, place, present } = kept.fields;
  const kind = kept.fields.kind as SessionKind;
  const setDate = (value: string) => kept.set('date', value);
  const setPlace = (value: string) => kept.set('place', value);
  const setKind = (value: SessionKind) => kept.set('kind', value);
  const setPresent = (value: string[]) => kept.set('present', value);
  const form = useSubmit(
    () => ps.commands.openSession({ date, place, kind, present }),
    async (sessionId) => {
      await kept.clear();
      navigate({ name: 'session', sessionId }, { replace: true });
    },
  );
  const { errors } = form;
  if (!households) return <Loading />;
  const dateError = errorFor(errors, 'date');
  const presentError = errorFor(errors, 'present');

  return (
    <>
      <Title>{t('open.title')}</Title>
      <form class="card" ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <KeptFormNote kept={kept} />
        <ErrorSummary
          items={summaryItems(errors, {
            date: { id: 'session-date', label: t('open.date.label') },
            place: { id: 'session-place', label: t('open.place.label') },
            kind: { id: 'session-kind', label: t('open.kind.legend') },
            present: { id: 'session-present', label: t('open.present.legend') },
          })}
        />
        <div class="field">
          <label for="session-date">{t('open.date.label')}</label>
          <input
            id="session-date"
            type="date"
            value={date}
            aria-required="true"
            aria-invalid={dateError ? 'true' : undefined}
            aria-describedby={describedBy('session-date', false, dateError)}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
          <FieldErrorText id={errorId('session-date')} code={dateError} />
        </div>
        <TextField
          id="session-place"
          label={t('open.place.label')}
          hint={t('open.place.hint')}
          value={place}
          onInput={setPlace}
          error={errorFor(errors, 'place')}
        />
        <fieldset id="session-kind">
          <legend>{t('open.kind.legend')}</legend>
          <div class="radio-cards">
            {ALL_SESSION_KINDS.map((k) => (
              <label class="radio-card" key={k}>
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span class="radio-card-icon" aria-hidden="true">
                  {SESSION_KIND_ICONS[k]}
                </span>
                <span>{sessionKindLabel(k)}</span>
              </label>
            ))}
          </div>
          <FieldErrorText id={errorId('session-kind')} code={errorFor(errors, 'kind')} />
        </fieldset>
        <fieldset id="session-present" aria-describedby={describedBy('session-present', true, presentError)}>
          <legend>{t('open.present.legend')}</legend>
          <p id={hintId('session-present')} class="hint">
            {t('open.present.hint')}
          </p>
          {households.length === 0 ? (
            <p>{t('session.present.empty')}</p>
          ) : (
            <HouseholdChecklist
              idPrefix="open-present"
              households={[...households].sort(byName)}
              checked={present}
              onChange={setPresent}
              invalid={Boolean(presentError)}
            />
          )}
          <FieldErrorText id={errorId('session-present')} code={presentError} />
        </fieldset>
        <button type="submit" class="btn btn-primary btn-wide" disabled={form.busy}>
          {form.busy ? t('form.saving') : t('open.submit')}
        </button>
      </form>
    </>
  );
}

/** Today on this tablet's calendar (not UTC's: a late-evening apéritif stays on its day). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
