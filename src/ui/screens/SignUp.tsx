import { errorMessage, t } from '../../i18n';
import { byName } from '../components/HouseholdChecklist';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { PresenceEditor } from '../components/PresenceEditor';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { useLive } from '../hooks/useLive';
import type { PerimeterServices } from '../services';
import { SignUpForm } from './signup/SignUpForm';

/**
 * Signing up needs a registered neighbour at the table: without one the form is not even shown,
 * and the screen offers to tick who is present instead of letting the household fill in for nothing.
 */
export function SignUp({ ps, sessionId }: { ps: PerimeterServices; sessionId: string }) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const sessions = useLive(() => ps.queries.sessions(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  if (!perimeter || !sessions || !households) return <Loading />;
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) return <NotFound message={errorMessage('session-missing')} />;
  if (session.closedAt !== null) return <NotFound message={errorMessage('session-closed')} />;

  const present = households.filter((h) => session.present.includes(h.id)).sort(byName);
  return (
    <>
      <Title>{t('signup.title')}</Title>
      {present.length === 0 ? (
        <section class="card card-warn" aria-labelledby="no-witness">
          <h2 id="no-witness">
            <span aria-hidden="true">🤝 </span>
            {t('signup.no-witness.title')}
          </h2>
          <p>{t('signup.no-witness.body')}</p>
          <PresenceEditor
            session={session}
            households={[...households].sort(byName)}
            commands={ps.commands}
          />
        </section>
      ) : (
        <SignUpForm ps={ps} sessionId={sessionId} places={perimeter.places} present={present} />
      )}
      <p>
        <a class="btn btn-quiet" href={href({ name: 'session', sessionId })}>
          {t('signup.back')}
        </a>
      </p>
    </>
  );
}
