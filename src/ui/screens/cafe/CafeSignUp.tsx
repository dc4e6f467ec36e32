import { useMemo } from 'preact/hooks';
import { tc } from '../../../i18n/cafe';
import { byName } from '../../components/HouseholdChecklist';
import { Loading } from '../../components/Loading';
import { NotFound } from '../../components/NotFound';
import { Title } from '../../components/Title';
import { t } from '../../../i18n';
import { href } from '../../hooks/routes';
import { useLive, useLiveState } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';
import { SignUpForm } from '../signup/SignUpForm';

/**
 * A new household signs up at the café, witnessed by registered neighbours present there: the
 * sign-up screen's own form, with the café as its session (cafe-commands.ts signUpAtCafe records
 * the new household present at once, so it can witness the next one).
 */
export function CafeSignUp({ ps, cafeId }: { ps: PerimeterServices; cafeId: string }) {
  const loaded = useLiveState(() => ps.queries.cafeBoard(cafeId), [ps, cafeId]);
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  // The form signs up through the café's command; everything else is the perimeter's services.
  const cafePs = useMemo<PerimeterServices>(
    () => ({
      ...ps,
      commands: { ...ps.commands, signUp: (id, input) => ps.commands.signUpAtCafe(id, input) },
    }),
    [ps],
  );
  if (loaded && !loaded.value) return <NotFound message={tc('cafe.missing')} />;
  if (!loaded?.value || !perimeter || !households) return <Loading />;
  const present = households.filter((h) => loaded.value!.present.includes(h.id)).sort(byName);
  return (
    <>
      <Title>{t('signup.title')}</Title>
      {present.length === 0 ? (
        <p>{tc('cafe.signup.none')}</p>
      ) : (
        <SignUpForm
          ps={cafePs}
          sessionId={cafeId}
          places={perimeter.places}
          present={present}
          onDraftCreated={() => undefined}
        />
      )}
      <p>
        <a class="btn btn-quiet" href={href({ name: 'cafe', cafeId })}>
          {tc('cafe.print.back')}
        </a>
      </p>
    </>
  );
}
