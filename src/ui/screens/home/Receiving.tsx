import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { Title } from '../../components/Title';
import { useLive } from '../../hooks/useLive';
import type { AppServices, PerimeterServices } from '../../services';
import { PerimeterForm } from '../welcome/PerimeterForm';

/**
 * The device joined a perimeter whose document has not arrived yet. On a facilitator's tablet,
 * once the server has answered with nothing, the perimeter may be new: the facilitator can then
 * describe it (a person decides, so a document still on its way is never mistaken for none).
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
  const answered =
    sync !== undefined &&
    (sync.mode === 'local' || (sync.connection === 'online' && sync.storedAt !== null && sync.waiting === 0));
  return (
    <>
      <Title>{t('home.receiving')}</Title>
      <p class="lead">{t('home.receiving.hint')}</p>
      {canFound && answered && (
        <section class="card card-accent" aria-labelledby="empty-perimeter">
          <h2 id="empty-perimeter">{t('home.empty.title')}</h2>
          <p>{t('home.empty.body')}</p>
          {!founding && (
            <button type="button" class="btn btn-primary" onClick={() => setFounding(true)}>
              {t('home.empty.describe')}
            </button>
          )}
        </section>
      )}
      {canFound && founding && <PerimeterForm services={services} />}
    </>
  );
}
