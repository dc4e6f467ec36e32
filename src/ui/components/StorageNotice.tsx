import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { useLive } from '../hooks/useLive';
import type { AppServices } from '../services';

/**
 * Asked once per page load: the browser decides once and remembers its answer anyway, and some
 * browsers ask the person, who should not be asked again at every screen.
 */
let asked = false;

export function askPersistenceOnce(services: AppServices): void {
  if (asked) return;
  asked = true;
  void services.requestPersistence();
}

/** Whether the browser promised to keep this tablet's data, and what to do if not. */
export function StorageNotice({ services }: { services: AppServices }) {
  const status = useLive(() => services.persistence(), [services]);
  useEffect(() => askPersistenceOnce(services), [services]);

  if (status === 'granted') {
    return (
      <p class="storage-ok">
        <span aria-hidden="true">🔒 </span>
        {t('storage.granted')}
      </p>
    );
  }
  if (status === 'refused' || status === 'unsupported') {
    return (
      <div class="notice" role="note">
        <p class="notice-title">
          <span aria-hidden="true">⚠️ </span>
          {t('storage.at-risk.title')}
        </p>
        <p>{t('storage.at-risk.body')}</p>
      </div>
    );
  }
  return null;
}
