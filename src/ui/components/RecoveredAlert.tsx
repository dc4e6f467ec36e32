import { useState } from 'preact/hooks';
import { t, tp } from '../../i18n';
import type { SyncStatus } from '../services';

/** Rebuilds already acknowledged, by their time: one "J'ai compris" is enough for each. */
const dismissed = new Set<string>();

/** After the server refused some of this device's changes and they were dropped: say so, once. */
export function RecoveredAlert({ recovered }: { recovered: SyncStatus['recovered'] }) {
  const [, setTick] = useState(0);
  if (!recovered || recovered.dropped === 0 || dismissed.has(recovered.at)) return null;
  const dismiss = () => {
    dismissed.add(recovered.at);
    setTick((n) => n + 1);
  };
  return (
    <div class="recovered-alert" role="alert">
      <p>
        <span aria-hidden="true">⚠️ </span>
        {tp('sync.dropped', recovered.dropped)}
      </p>
      <button type="button" class="btn btn-secondary" onClick={dismiss}>
        {t('sync.dropped.dismiss')}
      </button>
    </div>
  );
}
