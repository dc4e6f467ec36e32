import { useEffect } from 'preact/hooks';
import type { Household, Perimeter, Session } from '../../domain/schemas';
import { sessionStatus } from '../../domain/session-status';
import { t, tp } from '../../i18n';
import { tn } from '../../i18n/neighbours';
import { Loading } from '../components/Loading';
import { StorageNotice } from '../components/StorageNotice';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { isolate } from '../isolate';
import { useLive, useLiveState } from '../hooks/useLive';
import { useNow } from '../hooks/useNow';
import type { AppServices, DeviceAccess, PerimeterServices } from '../services';
import { sessionTitle } from '../session-title';
import { lazy } from '../components/lazy';
import { HouseholdDirectory } from './home/HouseholdDirectory';
import { Receiving } from './home/Receiving';

// Only ever shown on a household's phone: the facilitator's tablet never loads it.
const HouseholdHome = lazy(() => import('./home/HouseholdHome').then((m) => m.HouseholdHome));

interface Props {
  services: AppServices;
  ps: PerimeterServices;
  /** How this device joined the server; undefined for a tablet working on its own. */
  access: DeviceAccess | undefined;
}

export function Home({ services, ps, access }: Props) {
  const perimeter = useLiveState(() => ps.queries.perimeter(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  const shown = perimeter !== undefined && households !== undefined;
  // The document (and Yjs) loads once this screen has what it shows: its long tasks would
  // otherwise hold back the first paint.
  useEffect(() => {
    if (shown) ps.start();
  }, [ps, shown]);
  if (!perimeter || !households) return <Loading />;
  const household = access?.role === 'household';
  if (!perimeter.value) return <Receiving services={services} ps={ps} canFound={!household} />;
  if (household) {
    const own = households.find((h) => h.id === access.householdId);
    // The perimeter came before this household's own record: it follows in a moment.
    if (!own) return <Receiving services={services} ps={ps} canFound={false} />;
    return <HouseholdHome ps={ps} perimeter={perimeter.value} household={own} />;
  }
  return <FacilitatorHome services={services} ps={ps} perimeter={perimeter.value} households={households} />;
}

interface FacilitatorProps {
  services: AppServices;
  ps: PerimeterServices;
  perimeter: Perimeter;
  households: Household[];
}

/** The facilitator's tablet (or a tablet on its own): sessions, households, catalogue, device. */
function FacilitatorHome({ services, ps, perimeter, households }: FacilitatorProps) {
  const sessions = useLive(() => ps.queries.sessions(), [ps]);
  const now = useNow();
  if (!sessions) return <Loading />;
  // A session never closed is current only on its day (domain/session-status.ts); an old one is
  // shown apart, to close, so that the tablet never offers to resume a session of years ago.
  const open = sessions.filter((s) => sessionStatus(s, now) === 'open');
  const old = sessions.filter((s) => sessionStatus(s, now) === 'old');

  return (
    <>
      <Title>
        <bdi>{perimeter.name}</bdi>
      </Title>
      <p class="lead">{tp('home.count', households.length, { dwellings: perimeter.dwellings })}</p>

      {open.length > 0 && (
        <section class="card card-accent" aria-labelledby="open-sessions">
          <h2 id="open-sessions">{t('home.sessions.title')}</h2>
          {open.map((session) => (
            <div class="session-row" key={session.id} data-session-status="open">
              <p>{sessionLine(session)}</p>
              <a class="btn btn-primary btn-big" href={href({ name: 'session', sessionId: session.id })}>
                <span aria-hidden="true">▶️ </span>
                {t('home.session.resume')}
                {open.length > 1 && <span class="sr-only"> : {sessionLine(session)}</span>}
              </a>
            </div>
          ))}
        </section>
      )}

      {old.length > 0 && (
        <section class="card card-warn" aria-labelledby="old-sessions">
          <h2 id="old-sessions">{tp('home.sessions.old', old.length)}</h2>
          <p>{tp('home.sessions.old.intro', old.length)}</p>
          {old.map((session) => (
            <div class="session-row" key={session.id} data-session-status="old">
              <p>{sessionLine(session)}</p>
              <a class="btn btn-secondary" href={href({ name: 'session', sessionId: session.id })}>
                <span aria-hidden="true">🔒 </span>
                {t('home.session.old.close')}
                {old.length > 1 && <span class="sr-only"> : {sessionLine(session)}</span>}
              </a>
            </div>
          ))}
        </section>
      )}

      <p>
        <a
          class={open.length > 0 ? 'btn btn-secondary' : 'btn btn-primary btn-big'}
          href={href({ name: 'open-session' })}
        >
          <span aria-hidden="true">☕️ </span>
          {t('home.session.open')}
        </a>
      </p>

      <StorageNotice services={services} />

      <HouseholdDirectory ps={ps} households={households} />

      <div class="button-row">
        <a class="btn btn-secondary" href={href({ name: 'cafes' })}>
          <span aria-hidden="true">☕️ </span>
          {t('home.cafes')}
        </a>
        <a class="btn btn-secondary" href={href({ name: 'perimeter-links' })}>
          <span aria-hidden="true">🔗 </span>
          {tn('links.open')}
        </a>
        <a class="btn btn-secondary" href={href({ name: 'dashboard' })}>
          <span aria-hidden="true">📊 </span>
          {t('home.dashboard')}
        </a>
        <a class="btn btn-secondary" href={href({ name: 'retention' })}>
          <span aria-hidden="true">⏳ </span>
          {t('home.retention')}
        </a>
        <a class="btn btn-secondary" href={href({ name: 'catalogue' })}>
          <span aria-hidden="true">📋 </span>
          {t('home.catalogue')}
        </a>
        <a class="btn btn-secondary" href={href({ name: 'device' })}>
          <span aria-hidden="true">💾 </span>
          {t('home.device')}
        </a>
      </div>
    </>
  );
}

const sessionLine = (session: Session) =>
  isolate(t('home.session.line', { title: sessionTitle(session) }), { place: session.place });
