import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../domain/errors';
import type { Household } from '../../domain/schemas';
import { sessionStatus } from '../../domain/session-status';
import { errorMessage, t } from '../../i18n';
import { commandFailed } from '../command-failure';
import { Alert } from '../components/Alert';
import { byName } from '../components/HouseholdChecklist';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { PresenceEditor } from '../components/PresenceEditor';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { isolate } from '../isolate';
import { useLive } from '../hooks/useLive';
import { useNow } from '../hooks/useNow';
import { navigate } from '../hooks/useRoute';
import { useScreenKey } from '../hooks/useScreenKey';
import { useScanOrder } from '../hooks/useScanOrder';
import type { PerimeterServices } from '../services';
import { sessionTitle } from '../session-title';
import { SessionHouseholds } from './session/SessionHouseholds';

/**
 * The session's hub: the tablet comes back here between two households. Names only on this
 * screen, never contact details: everyone around the table sees it.
 */
export function SessionScreen({ ps, sessionId }: { ps: PerimeterServices; sessionId: string }) {
  const sessions = useLive(() => ps.queries.sessions(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  const scans = useLive(() => ps.queries.scans(), [ps]);
  const scanCatalogue = useScanOrder(ps.queries);
  const now = useNow();
  if (!sessions || !households || !scans) return <Loading />;
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) return <NotFound message={errorMessage('session-missing')} />;

  const presentNames = households.filter((h) => session.present.includes(h.id)).sort(byName);
  const scanned = new Set(scans.filter((s) => s.sessionId === sessionId).map((s) => s.householdId));
  const ofSession = households.filter((h) => h.sessionId === sessionId || scanned.has(h.id));
  // An old session (never closed, its day long over: domain/session-status.ts) takes no new
  // sign-up here; it only offers to close it.
  const status = sessionStatus(session, now);
  const open = status === 'open';

  return (
    <>
      <Title>{sessionTitle(session)}</Title>
      <p class="lead">{isolate(t('session.place'), { place: session.place })}</p>
      {status === 'closed' && (
        <p class="notice">
          <span aria-hidden="true">🔒 </span>
          {t('session.closed')}
        </p>
      )}
      {status === 'old' && (
        <p class="notice" data-session-status="old">
          <span aria-hidden="true">⏳ </span>
          {t('session.old')}
        </p>
      )}

      {open && (
        <p>
          <a class="btn btn-primary btn-big btn-wide" href={href({ name: 'signup', sessionId })}>
            <span aria-hidden="true">✍️ </span>
            {t('session.signup')}
          </a>
        </p>
      )}

      <section class="card" aria-labelledby="present-title">
        <h2 id="present-title">{t('session.present.title')}</h2>
        {presentNames.length === 0 ? (
          <p>{t('session.present.none')}</p>
        ) : (
          <ul class="people">
            {presentNames.map((h) => (
              <li key={h.id}>
                <bdi class="person-name">{h.name}</bdi>
              </li>
            ))}
          </ul>
        )}
        {open && (
          // Open by itself while nobody is ticked: that is the first thing to do in a new session.
          <details open={presentNames.length === 0}>
            <summary>{t('session.present.edit')}</summary>
            <PresenceEditor
              session={session}
              households={[...households].sort(byName)}
              commands={ps.commands}
            />
          </details>
        )}
      </section>

      <SessionHouseholds households={ofSession} scans={scans} order={scanCatalogue?.order} />

      {status !== 'closed' && (
        <CloseSession
          close={() => ps.commands.closeSession(sessionId)}
          unfinished={ofSession.filter((h) => !scans.find((s) => s.householdId === h.id)?.finishedAt)}
        />
      )}
    </>
  );
}

interface CloseProps {
  close: () => ReturnType<PerimeterServices['commands']['closeSession']>;
  /** The session's households that have not seen every idea: shown first, each with a way back. */
  unfinished: Household[];
}

function CloseSession({ close, unfinished }: CloseProps) {
  const [asking, setAsking] = useState(false);
  // The confirmation takes the button's place: a double tap must not confirm as well.
  useScreenKey(asking ? 'asking' : 'idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const confirm = async () => {
    setBusy(true);
    const result = await close().catch(commandFailed<null>);
    setBusy(false);
    if (result.ok) navigate({ name: 'home' }, { replace: true });
    else setError(result.errors[0]?.code);
  };
  return (
    <section class="close-session">
      {!asking ? (
        <button type="button" class="btn btn-secondary" onClick={() => setAsking(true)}>
          <span aria-hidden="true">🔒 </span>
          {t('session.close')}
        </button>
      ) : (
        <div class="card card-warn">
          {unfinished.length > 0 && (
            <>
              <p>{t('session.close.unfinished')}</p>
              <ul class="household-list">
                {unfinished.map((h) => (
                  <li key={h.id} class="household-row">
                    <bdi class="person-name">{h.name}</bdi>
                    <a class="btn btn-primary" href={href({ name: 'scan', householdId: h.id })}>
                      {t('session.continue')}
                      <span class="sr-only">{isolate(t('session.for-household'), { name: h.name })}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p role="alert">{t('session.close.confirm')}</p>
          <div class="button-row">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void confirm()}>
              {t('session.close.yes')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setAsking(false)}>
              {t('session.close.no')}
            </button>
          </div>
        </div>
      )}
      <Alert code={error} />
    </section>
  );
}
