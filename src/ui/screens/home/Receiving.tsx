import { useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { Loading } from '../../components/Loading';
import { Title } from '../../components/Title';
import { useLive } from '../../hooks/useLive';
import type { AppServices, PerimeterServices, SyncStatus } from '../../services';
import { syncView } from '../../sync-view';
import { PerimeterForm } from '../welcome/PerimeterForm';

/**
 * The device joined a perimeter whose document has not arrived yet. It says one true thing at a
 * time: still receiving, no network, the server does not answer, or refused; the header's sync
 * indicator is not shown meanwhile (src/ui/PerimeterScreens.tsx), so the two never disagree.
 *
 * On a facilitator's tablet, once the server has answered with nothing, the perimeter may be new:
 * the screen then says only that, and the facilitator can describe it (a person decides, so a
 * document still on its way is never mistaken for none).
 */
export function Receiving({
  services,
  ps,
  canFound,
}: {
  services: AppServices;
  ps: PerimeterServices;
  canFound: boolean;
}) {
  const sync = useLive(() => ps.queries.sync(), [ps]);
  const [founding, setFounding] = useState(false);
  // Once the server has answered with nothing, that stays known on this screen: a reconnection
  // afterwards must not swap the facilitator's half-typed perimeter form for "receiving". If the
  // document does arrive meanwhile, the home screen replaces this one.
  const heardEmpty = useRef(false);
  if (!sync) return <Loading />;
  heardEmpty.current ||=
    sync.mode === 'local' || (sync.connection === 'online' && sync.storedAt !== null && sync.waiting === 0);
  if (canFound && heardEmpty.current) {
    return (
      <>
        <Title>{t('home.empty.title')}</Title>
        <p class="lead">{t('home.empty.body')}</p>
        {founding ? (
          <PerimeterForm services={services} />
        ) : (
          <button type="button" class="btn btn-primary" onClick={() => setFounding(true)}>
            {t('home.empty.describe')}
          </button>
        )}
      </>
    );
  }
  const blocked = receivingBlocked(sync);
  return (
    <>
      <Title>{blocked ? t('home.receiving.blocked') : t('home.receiving')}</Title>
      <p class="lead" role="status">
        {blocked ?? t('home.receiving.hint')}
      </p>
    </>
  );
}

/** Why nothing can arrive now, in the indicator's own terms; undefined while it may arrive. */
function receivingBlocked(sync: SyncStatus): string | undefined {
  const view = syncView(sync);
  if (view.problem) return view.text;
  if (sync.connection === 'no-network') return t('home.receiving.no-network');
  if (sync.connection === 'unreachable') return t('home.receiving.unreachable');
  return undefined;
}
