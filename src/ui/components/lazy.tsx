import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Loading } from './Loading';

/**
 * A screen loaded on first use, to keep the first screen small. Without preact/compat's
 * Suspense: a load that fails (offline, old chunk gone after an update) says so and offers
 * a reload.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      let alive = true;
      load().then(
        (component) => {
          loaded = component;
          if (alive) setScreen(() => component);
        },
        () => alive && setFailed(true),
      );
      return () => {
        alive = false;
      };
    }, [Screen]);
    if (failed) {
      return (
        <div role="alert">
          <p>{t('app.load-failed')}</p>
          <button type="button" class="btn btn-primary" onClick={() => location.reload()}>
            {t('app.reload')}
          </button>
        </div>
      );
    }
    return Screen ? <Screen {...props} /> : <Loading />;
  };
}
