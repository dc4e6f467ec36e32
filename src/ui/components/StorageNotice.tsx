import { useEffect, useState } from 'preact/hooks';
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

/** Set on this device once the advice was read: "Cet appareil" keeps saying it, the home stops. */
const SEEN_KEY = 'tissage:storage-advice-seen';

function adviceSeen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    // Storage denied (a private window): show the advice, it is only words.
    return false;
  }
}

/**
 * Whether the browser promised to keep this tablet's data, and what to do if not. The advice shows
 * on the home until someone says they read it: a warning that never goes away stops being read,
 * and worries the neighbours who see the screen.
 */
export function StorageNotice({ services }: { services: AppServices }) {
  const status = useLive(() => services.persistence(), [services]);
  const [seen, setSeen] = useState(adviceSeen);
  useEffect(() => askPersistenceOnce(services), [services]);
  const dismiss = () => {
    try {
      localStorage.setItem(SEEN_KEY, '1');
    } catch {
      // Not remembered: it shows again on the next visit, nothing worse.
    }
    setSeen(true);
  };

  if (status === 'granted') {
    return (
      <p class="storage-ok">
        <span aria-hidden="true">🔒 </span>
        {t('storage.granted')}
      </p>
    );
  }
  if ((status === 'refused' || status === 'unsupported') && !seen) {
    return (
      <div class="notice" role="note">
        <p class="notice-title">
          <span aria-hidden="true">⚠️ </span>
          {t('storage.at-risk.title')}
        </p>
        <p>{t('storage.at-risk.body')}</p>
        <button type="button" class="btn btn-small btn-secondary" onClick={dismiss}>
          {t('storage.at-risk.dismiss')}
        </button>
      </div>
    );
  }
  return null;
}
