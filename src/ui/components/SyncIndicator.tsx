import { t } from '../../i18n';
import { useLive } from '../hooks/useLive';
import type { PerimeterQueries } from '../services';
import { syncView } from '../sync-view';
import { RecoveredAlert } from './RecoveredAlert';

/**
 * Where this device's work stands with the server, on every screen. A polite live region: a
 * change is read out when the person pauses, never over what they are doing. On the scan screen
 * (`compact`) a few words show, and screen readers still get the whole sentence. It subscribes by
 * itself so that the screen below does not re-render at each change of the count.
 */
export function SyncIndicator({ queries, compact }: { queries: PerimeterQueries; compact?: boolean }) {
  const state = useLive(() => queries.sync(), [queries]);
  if (!state) return null;
  const view = syncView(state);
  const classes = [
    'sync',
    `sync-${view.kind}`,
    view.problem ? 'sync-problem' : '',
    compact ? 'sync-compact' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={classes} role="status" aria-live="polite" aria-label={t('header.sync')} data-sync={view.kind}>
      <span aria-hidden="true">{view.icon} </span>
      {compact && view.short !== view.text ? (
        <>
          <span aria-hidden="true">{view.short}</span>
          <span class="sr-only">{view.text}</span>
        </>
      ) : (
        <span>{view.text}</span>
      )}
    </div>
  );
}

/** The alert after refused changes were dropped; not during a scan, like the update banner. */
export function SyncAlerts({ queries }: { queries: PerimeterQueries }) {
  const state = useLive(() => queries.sync(), [queries]);
  return <RecoveredAlert recovered={state?.recovered ?? null} />;
}
