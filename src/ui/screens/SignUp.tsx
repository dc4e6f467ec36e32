import { useEffect, useState } from 'preact/hooks';
import { errorMessage, t } from '../../i18n';
import { byName } from '../components/HouseholdChecklist';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { PresenceEditor } from '../components/PresenceEditor';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { useLive } from '../hooks/useLive';
import { navigate } from '../hooks/useRoute';
import type { PerimeterServices } from '../services';
import { DraftList } from './signup/DraftList';
import { SignUpForm } from './signup/SignUpForm';
import type { DraftFields } from './signup/useSignUpDraft';

/**
 * Signing up needs a registered neighbour at the table: without one the form is not even shown,
 * and the screen offers to tick who is present instead of letting the household fill in for nothing.
 */
export function SignUp({
  ps,
  sessionId,
  draftId,
}: {
  ps: PerimeterServices;
  sessionId: string;
  draftId?: string;
}) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const sessions = useLive(() => ps.queries.sessions(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  const resumed = useResumedDraft(ps, sessionId, draftId);
  // The draft this form started: it is this household's, not one to list for the others.
  const [started, setStarted] = useState<string>();
  if (!perimeter || !sessions || !households || (draftId && !resumed)) return <Loading />;
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) return <NotFound message={errorMessage('session-missing')} />;
  if (session.closedAt !== null) return <NotFound message={errorMessage('session-closed')} />;

  const present = households.filter((h) => session.present.includes(h.id)).sort(byName);
  return (
    <>
      <Title>{t('signup.title')}</Title>
      {/* First: a household coming back finds its own form without scrolling past a new one. */}
      <DraftList ps={ps} sessionId={sessionId} current={draftId ?? started} />
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
        <SignUpForm
          ps={ps}
          sessionId={sessionId}
          places={perimeter.places}
          present={present}
          draftId={draftId}
          resumed={resumed}
          onDraftCreated={setStarted}
        />
      )}
      <p>
        <a class="btn btn-quiet" href={href({ name: 'session', sessionId })}>
          {t('signup.back')}
        </a>
      </p>
    </>
  );
}

/**
 * The fields of the draft a household chose to resume. One that is gone (signed up, thrown away)
 * leads to a new, empty form rather than to anyone else's.
 */
function useResumedDraft(ps: PerimeterServices, sessionId: string, draftId: string | undefined) {
  const [resumed, setResumed] = useState<DraftFields>();
  useEffect(() => {
    if (!draftId) return;
    let alive = true;
    const leave = () => alive && navigate({ name: 'signup', sessionId }, { replace: true });
    ps.queries.draft(draftId).then((row) => {
      if (!alive) return;
      if (!row || row.sessionId !== sessionId) return leave();
      const { name, place, languages, witnesses, contact } = row;
      setResumed({ name, place, languages, witnesses, contact });
    }, leave);
    return () => {
      alive = false;
    };
  }, [ps, sessionId, draftId]);
  return resumed;
}
