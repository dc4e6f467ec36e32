import { useEffect } from 'preact/hooks';
import { formatMoment, t } from '../../../i18n';
import { td, tdp } from '../../../i18n/devices';
import { askPersistenceOnce } from '../../components/StorageNotice';
import { useLive } from '../../hooks/useLive';
import type { AppServices, PerimeterServices } from '../../services';
import { syncView } from '../../sync-view';

/** The sync indicator's state, spelled out: what is where, and what the browser promised. */
export function SyncDetails({ services, ps }: { services: AppServices; ps: PerimeterServices }) {
  const sync = useLive(() => ps.queries.sync(), [ps]);
  const contactsWaiting = useLive(() => ps.queries.contactsWaiting(), [ps]);
  const persistence = useLive(() => services.persistence(), [services]);
  useEffect(() => askPersistenceOnce(services), [services]);
  if (!sync) return null;
  const view = syncView(sync);
  return (
    <>
      <section class="card" aria-labelledby="device-sync">
        <h2 id="device-sync">{td('device.sync.title')}</h2>
        <p class={view.problem ? 'notice' : 'lead'}>
          <span aria-hidden="true">{view.icon} </span>
          {view.text}
        </p>
        <ul class="facts">
          <li>{sync.mode === 'local' ? td('device.mode.local') : td('device.mode.synced')}</li>
          {sync.mode === 'synced' && <li>{td(`device.connection.${sync.connection}`)}</li>}
          <li>{sync.waiting === 0 ? td('device.waiting.none') : tdp('device.waiting', sync.waiting)}</li>
          {sync.mode === 'synced' && (
            <li>
              {sync.storedAt
                ? td('device.stored.at', { when: formatMoment(sync.storedAt) })
                : td('device.stored.never')}
            </li>
          )}
          {contactsWaiting !== undefined && (
            <li>
              {contactsWaiting === 0 ? td('device.contacts.none') : tdp('device.contacts', contactsWaiting)}
            </li>
          )}
        </ul>
      </section>
      <section class="card" aria-labelledby="device-storage">
        <h2 id="device-storage">{td('device.storage.title')}</h2>
        {persistence === 'granted' ? (
          <p>
            <span aria-hidden="true">🔒 </span>
            {td('device.storage.granted')}
          </p>
        ) : persistence === 'refused' || persistence === 'unsupported' ? (
          <div class="notice">
            <p class="notice-title">
              <span aria-hidden="true">⚠️ </span>
              {t('storage.at-risk.title')}
            </p>
            <p>{t('storage.at-risk.body')}</p>
          </div>
        ) : (
          <p>{td('device.storage.unknown')}</p>
        )}
      </section>
    </>
  );
}
