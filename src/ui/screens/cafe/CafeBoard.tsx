import { useState } from 'preact/hooks';
import { cafeStatus } from '../../../domain/cafe-status';
import { matchesSearch } from '../../../domain/search';
import type { Household } from '../../../domain/schemas';
import { tc, tcp } from '../../../i18n/cafe';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { NotFound } from '../../components/NotFound';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { useLive, useLiveState } from '../../hooks/useLive';
import { useNow } from '../../hooks/useNow';
import type { EffectiveCatalogue, PerimeterServices } from '../../services';
import { isolate } from '../../isolate';
import { CafeLinks } from './CafeLinks';
import { CafeProjects } from './CafeProjects';
import { CafeProposals } from './CafeProposals';
import { RelayEntry } from './RelayEntry';
import { cafeWhen, themeTitle } from './cafe-text';
import './cafe.css';

type Board = NonNullable<
  Parameters<Parameters<ReturnType<PerimeterServices['queries']['cafeBoard']>['subscribe']>[0]>[0]
>;

/**
 * The café in progress on the facilitator's tablet, from the document in memory (no network
 * needed): who came (ticked here or by scanning the poster), how many, the theme's links among
 * them, a short re-scan of the theme for anyone present, a sign-up witnessed by those present,
 * the residents' proposed ideas and the micro-projects. Its state is read by this device's clock
 * (domain/cafe-status.ts): "En cours" during its hours; once over and not marked, "À clore", with
 * the way to mark it held or cancelled at the top rather than at the foot of the page.
 */
export function CafeBoard({ ps, cafeId }: { ps: PerimeterServices; cafeId: string }) {
  const loaded = useLiveState(() => ps.queries.cafeBoard(cafeId), [ps, cafeId]);
  const board = loaded?.value;
  const households = useLive(() => ps.queries.households(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const [error, setError] = useState<Parameters<typeof Alert>[0]['code']>();
  const now = useNow();
  if (loaded && !board) return <NotFound message={tc('cafe.missing')} />;
  if (!board || !households || !catalogue) return <Loading />;
  const { cafe } = board;
  const theme = themeTitle(cafe, catalogue.themes);
  const names = new Map(households.map((h) => [h.id, h.name]));
  const planned = cafe.state === 'planned';
  const status = cafeStatus(cafe, now);

  const setState = async (state: 'held' | 'cancelled') => {
    const result = await ps.commands.updateCafe(cafe.id, { state }).catch(commandFailed<null>);
    setError(result.ok ? undefined : result.errors[0]?.code);
  };

  return (
    <>
      <Title>
        <bdi>{theme}</bdi>
      </Title>
      <p class="lead">
        {cafeWhen(cafe)}
        <br />
        {isolate(tc('cm.where'), { place: cafe.place })} ·{' '}
        <span class={`cafe-status cafe-is-${status}`}>{tc(`cafe.state.${status}`)}</span>
      </p>
      {status === 'to-close' && (
        <section class="card card-warn" aria-labelledby="cafe-to-close">
          <h2 id="cafe-to-close">{tc('cafe.to-close.hint')}</h2>
          <EndCafe onEnd={setState} />
        </section>
      )}
      <p class="cafe-count" role="status">
        <span aria-hidden="true">👥 </span>
        {tcp('cafe.present', board.present.length)}
      </p>
      <Alert code={error} />
      <div class="button-row">
        <a class="btn btn-secondary" href={href({ name: 'cafe-print', cafeId, kind: 'poster' })}>
          <span aria-hidden="true">🖨️ </span>
          {tc('cafe.print.poster')}
        </a>
        <a class="btn btn-secondary" href={href({ name: 'cafe-print', cafeId, kind: 'slips' })}>
          <span aria-hidden="true">✉️ </span>
          {tc('cafe.print.slips')}
        </a>
        {planned && board.present.length > 0 && (
          <a class="btn btn-secondary" href={href({ name: 'cafe-signup', cafeId })}>
            <span aria-hidden="true">➕ </span>
            {tc('cafe.signup')}
          </a>
        )}
      </div>
      {planned && board.present.length === 0 && <p>{tc('cafe.signup.none')}</p>}
      <CheckInList ps={ps} board={board} households={households} catalogue={catalogue} />
      <CafeLinks board={board} names={names} catalogue={catalogue} />
      <CafeProposals ps={ps} proposals={board.proposals} names={names} catalogue={catalogue} />
      <CafeProjects ps={ps} board={board} names={names} catalogue={catalogue} />
      <RelayEntry ps={ps} label={tc('cafe.relay')} />
      {planned && status !== 'to-close' && <EndCafe onEnd={setState} />}
    </>
  );
}

/** Marks the café held or cancelled, after a confirmation: either is final (cafe-commands.ts). */
function EndCafe({ onEnd }: { onEnd: (state: 'held' | 'cancelled') => Promise<void> }) {
  const [asked, setAsked] = useState<'held' | 'cancelled'>();
  if (!asked)
    return (
      <div class="button-row">
        <button type="button" class="btn btn-secondary" onClick={() => setAsked('held')}>
          {tc('cafe.held')}
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => setAsked('cancelled')}>
          {tc('cafe.cancel')}
        </button>
      </div>
    );
  return (
    <section class="card card-warn" aria-labelledby="cafe-end">
      <h2 id="cafe-end">{tc(`cafe.confirm.${asked}`)}</h2>
      <div class="button-row">
        <button type="button" class="btn btn-primary" onClick={() => void onEnd(asked)}>
          {tc('cafe.confirm.yes')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => setAsked(undefined)}>
          {tc('cafe.confirm.no')}
        </button>
      </div>
    </section>
  );
}

/** The check-in list: search by name or building, one large tick per household. */
function CheckInList({
  ps,
  board,
  households,
  catalogue,
}: {
  ps: PerimeterServices;
  board: Board;
  households: readonly Household[];
  catalogue: EffectiveCatalogue;
}) {
  const [query, setQuery] = useState('');
  const [error, setError] = useState<Parameters<typeof Alert>[0]['code']>();
  const present = new Set(board.present);
  const shown = households
    .filter((h) => h.erasedAt === undefined && matchesSearch(query, [h.name, h.place]))
    .sort(
      (a, b) => Number(present.has(b.id)) - Number(present.has(a.id)) || a.name.localeCompare(b.name, 'fr'),
    );
  const planned = board.cafe.state === 'planned';
  // The short re-scan goes through the theme's ideas only: a catalogue theme as the scan's theme
  // focus, a local theme through its first idea (the scan then returns to the summary).
  const focus =
    board.cafe.theme !== null
      ? ({ kind: 'theme', id: board.cafe.theme } as const)
      : board.cafe.ideaIds[0] && !catalogue.retired.has(board.cafe.ideaIds[0])
        ? ({ kind: 'idea', id: board.cafe.ideaIds[0] } as const)
        : undefined;

  const toggle = async (householdId: string, on: boolean) => {
    const result = await ps.commands.checkIn(board.cafe.id, householdId, on).catch(commandFailed<null>);
    setError(result.ok ? undefined : result.errors[0]?.code);
  };

  return (
    <section class="card" aria-labelledby="cafe-checkin">
      <h2 id="cafe-checkin">{tc('cafe.checkin.title')}</h2>
      <div class="field">
        <label for="cafe-search">{tc('cafe.checkin.search')}</label>
        <input
          id="cafe-search"
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <Alert code={error} />
      {shown.length === 0 && <p>{tc('cafe.checkin.none')}</p>}
      <ul class="cafe-checkin">
        {shown.map((h) => (
          <li key={h.id} class={present.has(h.id) ? 'is-present' : undefined}>
            <label class="cafe-tick">
              <input
                type="checkbox"
                checked={present.has(h.id)}
                disabled={!planned}
                onChange={(e) => void toggle(h.id, e.currentTarget.checked)}
              />
              <span>
                <bdi class="cafe-name">{h.name}</bdi>
                <span class="cafe-place">
                  {' · '}
                  <bdi>{h.place}</bdi>
                  {board.how[h.id] === 'scanned' && <> · {tc('cafe.checkin.scanned')}</>}
                </span>
              </span>
            </label>
            {present.has(h.id) && focus && (
              <a
                class="btn btn-quiet"
                href={href({ name: 'scan', householdId: h.id, focus: { ...focus, cafeId: board.cafe.id } })}
              >
                {tc('cafe.rescan')}
                <span class="sr-only">
                  {' : '}
                  <bdi>{h.name}</bdi>
                </span>
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
