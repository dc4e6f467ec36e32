import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldError } from '../../../domain/errors';
import type { PosterCodeError } from '../../../domain/cafe-poster-code';
import type { Cafe } from '../../../domain/schemas';
import { cafeStatus } from '../../../domain/cafe-status';
import { IDEA_KINDS } from '../../../domain/constants';
import { formatDate } from '../../../i18n';
import { posterError, tc } from '../../../i18n/cafe';
import { commandFailed } from '../../command-failure';
import { KeptFormNote } from '../../components/KeptFormNote';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { Title } from '../../components/Title';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorFor, summaryItems } from '../../form-errors';
import { CodeReader } from '../../components/meeting/CodeReader';
import type { CodeWords } from '../../components/meeting/code-words';
import { href } from '../../hooks/routes';
import { useKeptForm } from '../../hooks/useKeptForm';
import { useLive } from '../../hooks/useLive';
import { useNow } from '../../hooks/useNow';
import { isolate } from '../../isolate';
import type { EffectiveCatalogue, PerimeterServices } from '../../services';
import { CafeNow } from './CafeNow';
import { MyProjects } from './MyProjects';
import { RelayEntry } from './RelayEntry';
import { cafeWhen, clock, themeTitle } from './cafe-text';
import './cafe.css';

/** Matches listed at most on the café page, those present first; "Mes voisins" has them all. */
const SHOWN = 30;

/**
 * A household's café page, on its phone (or on the tablet for it): "Je suis là" by filming the
 * poster's QR code or typing the code printed beside it (both checked before anything is recorded),
 * its matches on the theme with neighbours present first, proposing a local idea, and
 * its micro-projects. All from the document on the phone: it works on the street with no network.
 */
export function MyCafe({ ps, householdId }: { ps: PerimeterServices; householdId: string }) {
  const view = useLive(() => ps.queries.householdCafe(householdId), [ps, householdId]);
  const households = useLive(() => ps.queries.households(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const [scanning, setScanning] = useState(false);
  // Set when this screen's code was taken, until its confirmation is shown and focused.
  const [confirm, setConfirm] = useState(false);
  const here = useRef<HTMLParagraphElement>(null);
  const now = useNow();
  // The reader closes where the confirmation was not (a small phone had it above the screen, with
  // focus lost to the page): bring it into view and move focus there, filmed or typed alike.
  useEffect(() => {
    if (!confirm || !here.current) return;
    here.current.scrollIntoView({ block: 'center' });
    here.current.focus();
    setConfirm(false);
  }, [confirm, view?.here]);
  if (!view || !households || !catalogue) return <Loading />;
  const names = new Map(households.map((h) => [h.id, h.name]));
  const { cafe } = view;

  // Filmed or typed, the poster's code goes through the same check (domain readPosterCode).
  const onCode = async (text: string): Promise<PosterReason | null> => {
    const result = await ps.commands.checkInByPoster(householdId, text);
    if (!result.ok) return result.error;
    setScanning(false);
    setConfirm(true);
    return null;
  };

  return (
    <>
      <Title>{tc('cm.title')}</Title>
      {!cafe ? (
        <p>{tc('cm.none')}</p>
      ) : (
        <section class="card card-accent" aria-labelledby="my-cafe-when">
          <h2 id="my-cafe-when">
            <bdi>{themeTitle(cafe, catalogue.themes)}</bdi>
          </h2>
          {cafeStatus(cafe, now) === 'in-progress' && <CafeNow />}
          <p>{cafeWhen(cafe)}</p>
          <p>{isolate(tc('cm.where'), { place: cafe.place })}</p>
          {cafe.welcome && (
            <p>
              <bdi>{cafe.welcome}</bdi>
            </p>
          )}
          {view.here ? (
            <p role="status" class="cafe-here" tabIndex={-1} ref={here}>
              <span aria-hidden="true">✅ </span>
              {tc('cm.here.done')}
            </p>
          ) : scanning ? (
            <>
              <CodeReader<PosterReason> onCode={onCode} words={posterWords(cafe)} />
              <button type="button" class="btn btn-quiet btn-wide" onClick={() => setScanning(false)}>
                {tc('cm.here.close')}
              </button>
            </>
          ) : (
            <button type="button" class="btn btn-primary btn-big btn-wide" onClick={() => setScanning(true)}>
              <span aria-hidden="true">📷 </span>
              {tc('cm.here')}
            </button>
          )}
        </section>
      )}
      {cafe && (
        <section class="card" aria-labelledby="my-cafe-links">
          <h2 id="my-cafe-links">{tc('cm.links.title')}</h2>
          {view.links.length === 0 ? (
            <p>{tc('cm.links.none')}</p>
          ) : (
            <ul class="cafe-links">
              {view.links.slice(0, SHOWN).map((link) => (
                <li key={`${link.otherId}/${link.ideaId}`}>
                  <strong>
                    <bdi>{names.get(link.otherId) ?? ''}</bdi>
                  </strong>
                  {link.present && <span class="cafe-badge"> · {tc('cm.links.present')}</span>}
                  <br />
                  <bdi>{catalogue.ideas.find((idea) => idea.id === link.ideaId)?.title ?? ''}</bdi>
                </li>
              ))}
            </ul>
          )}
          {view.links.length > SHOWN && <p>{tc('cm.links.others', { count: view.links.length - SHOWN })}</p>}
          <p>
            <a class="btn btn-secondary" href={href({ name: 'neighbours', householdId })}>
              {tc('cm.links.more')}
            </a>
          </p>
        </section>
      )}
      <Propose ps={ps} householdId={householdId} catalogue={catalogue} proposals={view.proposals} />
      <RelayEntry ps={ps} label={tc('cm.relay.open')} />
      <MyProjects ps={ps} householdId={householdId} projects={view.projects} />
    </>
  );
}

/** Why the poster's code recorded nothing. */
type PosterReason = PosterCodeError | 'not-saved';

/**
 * The words of the poster's code, filmed or typed (domain/cafe-poster-code.ts); a refusal for being
 * early names when `cafe` starts.
 */
const posterWords = (cafe: Pick<Cafe, 'date' | 'start'>): CodeWords<PosterReason> => ({
  intro: tc('cm.here.intro'),
  typeInstead: tc('cm.here.type-instead'),
  fieldId: 'poster-code',
  label: tc('cm.here.typed.label'),
  hint: tc('cm.here.typed.hint'),
  submit: tc('cm.here.typed.submit'),
  empty: tc('cm.here.typed.empty'),
  refusal: (reason) => posterError(reason, { date: formatDate(cafe.date), start: clock(cafe.start) }),
});

/** Proposing a local idea: title, theme, for two neighbours or a group, a word to explain. */
const BLANK_PROPOSAL = { title: '', theme: '', kind: '', hint: '' };

function Propose({
  ps,
  householdId,
  catalogue,
  proposals,
}: {
  ps: PerimeterServices;
  householdId: string;
  catalogue: EffectiveCatalogue;
  proposals: readonly {
    key: string;
    proposal: { title: string };
    state: 'pending' | 'accepted' | 'declined';
  }[];
}) {
  // Kept on the device as this household's (its id in the name): on a shared tablet, the next
  // household's café page never shows it.
  const kept = useKeptForm(ps.keptForm, `proposal/${householdId}`, BLANK_PROPOSAL);
  const { title, theme, kind, hint } = kept.fields;
  const setTitle = (value: string) => kept.set('title', value);
  const setTheme = (value: string) => kept.set('theme', value);
  const setKind = (value: string) => kept.set('kind', value);
  const setHint = (value: string) => kept.set('hint', value);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => errorFor(errors, field);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await ps.commands
      .proposeIdea({ householdId, title, theme, kind: kind as (typeof IDEA_KINDS)[number], hint })
      .catch(commandFailed<string>);
    setBusy(false);
    if (result.ok) {
      await kept.clear({ ...kept.fields, title: '', hint: '' });
      setErrors([]);
    } else setErrors(result.errors);
    setDone(result.ok);
  };
  return (
    <section class="card" aria-labelledby="my-cafe-propose">
      <h2 id="my-cafe-propose">{tc('cm.propose.title')}</h2>
      {proposals.length > 0 && (
        <ul class="cafe-proposals">
          {proposals.map((p) => (
            <li key={p.key}>
              <bdi>{p.proposal.title}</bdi> · {tc(`cm.proposal.${p.state}`)}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <KeptFormNote kept={kept} />
        <ErrorSummary
          refused={errors.length > 0 ? errors : undefined}
          items={summaryItems(errors, {
            title: { id: 'propose-title', label: tc('cm.propose.idea') },
            theme: { id: 'propose-theme', label: tc('cm.propose.theme') },
            kind: { id: 'propose-kind', label: tc('cm.propose.kind') },
            hint: { id: 'propose-hint', label: tc('cm.propose.hint') },
          })}
        />
        <TextField
          id="propose-title"
          label={tc('cm.propose.idea')}
          value={title}
          onInput={setTitle}
          error={errorOf('title')}
        />
        <SelectField
          id="propose-theme"
          label={tc('cm.propose.theme')}
          value={theme}
          options={catalogue.themes.map((th) => [th.id, th.title] as const)}
          onChange={setTheme}
          error={errorOf('theme')}
        />
        <SelectField
          id="propose-kind"
          label={tc('cm.propose.kind')}
          value={kind}
          options={IDEA_KINDS.map((k) => [k, tc(`cm.propose.kind.${k}`)] as const)}
          onChange={setKind}
          error={errorOf('kind')}
        />
        <TextField
          id="propose-hint"
          label={tc('cm.propose.hint')}
          value={hint}
          onInput={setHint}
          optional
          error={errorOf('hint')}
        />
        <p role="status">{done && tc('cm.propose.done')}</p>
        <button type="submit" class="btn btn-primary btn-wide" disabled={busy}>
          {tc('cm.propose.submit')}
        </button>
      </form>
    </section>
  );
}
