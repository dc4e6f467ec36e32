import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Loading } from '../components/Loading';
import { Title } from '../components/Title';
import { lazy } from '../components/lazy';
import { href } from '../hooks/routes';
import { useScreenKey } from '../hooks/useScreenKey';
import type { AppServices } from '../services';

// For the facilitators' tablet, once per neighbourhood: loaded when someone opens it.
const PerimeterForm = lazy(() => import('./welcome/PerimeterForm').then((m) => m.PerimeterForm));

/**
 * First run, on a device with no perimeter. Most such devices are residents' phones: they open on
 * "J'ai un code" (the code written on their card; the card's QR code opens the join link from the
 * phone's own camera, the app has no scanner). Creating a perimeter is for the facilitators' tablet,
 * once per neighbourhood: a second choice, opened on purpose.
 *
 * It is the page's first paint on a new device: prerendered into index.html at build time
 * (src/ui/prerender.tsx) and hydrated before `services` (storage, sync) have loaded, so it shows
 * everything but the form without them.
 */
export function Welcome({ services }: { services: AppServices | undefined }) {
  const [founding, setFounding] = useState(false);
  // The form opens where the button was: a double tap must not press what is now under the finger.
  useScreenKey(founding ? 'founding' : 'choosing');
  const form = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (founding) form.current?.focus();
  }, [founding]);
  return (
    <>
      <Title>{t('welcome.title')}</Title>
      <p class="lead">{t('welcome.intro')}</p>
      <section class="card card-accent" aria-labelledby="welcome-code">
        <h2 id="welcome-code">{t('welcome.code.title')}</h2>
        <p>{t('welcome.code.intro')}</p>
        <p>
          <a class="btn btn-primary btn-big btn-wide" href={href({ name: 'enter-code' })}>
            <span aria-hidden="true">📲 </span>
            {t('welcome.code')}
          </a>
        </p>
        <p>{t('welcome.code.scan')}</p>
      </section>
      <section class="card" aria-labelledby="welcome-found">
        <h2 id="welcome-found">{t('welcome.found.title')}</h2>
        <p>{t('welcome.found.intro')}</p>
        {!founding && (
          <button type="button" class="btn btn-secondary" onClick={() => setFounding(true)}>
            {t('welcome.found.open')}
          </button>
        )}
      </section>
      {founding && (
        <div ref={form} tabIndex={-1}>
          {services ? <PerimeterForm services={services} /> : <Loading />}
        </div>
      )}
    </>
  );
}
