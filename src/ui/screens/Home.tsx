import type { Session } from '../../domain/schemas';
import { t, tp } from '../../i18n';
import { byName } from '../components/HouseholdChecklist';
import { Loading } from '../components/Loading';
import { StorageNotice } from '../components/StorageNotice';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { useLive } from '../hooks/useLive';
import type { AppServices, PerimeterServices } from '../services';
import { sessionTitle } from '../session-title';

export function Home({ services, ps }: { services: AppServices; ps: PerimeterServices }) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  const sessions = useLive(() => ps.queries.sessions(), [ps]);
  if (!perimeter || !households || !sessions) return <Loading />;
  const open = sessions.filter((s) => s.closedAt === null);

  return (
    <>
      <Title>{perimeter.name}</Title>
      <p class="lead">{tp('home.count', households.length, { dwellings: perimeter.dwellings })}</p>

      {open.length > 0 && (
        <section class="card card-accent" aria-labelledby="open-sessions">
          <h2 id="open-sessions">{t('home.sessions.title')}</h2>
          {open.map((session) => (
            <div class="session-row" key={session.id}>
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

      <section aria-labelledby="households">
        <h2 id="households">{t('home.households.title')}</h2>
        {households.length === 0 ? (
          <p>{t('home.households.empty')}</p>
        ) : (
          <ul class="people">
            {[...households].sort(byName).map((h) => (
              <li key={h.id}>
                <span class="person-name">{h.name}</span> <span class="muted">· {h.place}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <p>
        <a class="btn btn-secondary" href={href({ name: 'catalogue' })}>
          <span aria-hidden="true">📋 </span>
          {t('home.catalogue')}
        </a>
      </p>
    </>
  );
}

const sessionLine = (session: Session) =>
  t('home.session.line', { title: sessionTitle(session), place: session.place });
