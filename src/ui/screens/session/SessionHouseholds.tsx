import { type ScanItem, indexOf } from '../../../domain/scan';
import type { Household } from '../../../domain/schemas';
import { t } from '../../../i18n';
import { href } from '../../hooks/routes';
import { isolate } from '../../isolate';
import type { ScanState } from '../../services';

interface Props {
  households: Household[];
  scans: ScanState[];
  /** Undefined while the catalogue loads: progress then shows without its figures. */
  order: ScanItem[] | undefined;
}

/** Who signed up in this session and where each one stands: how the tablet goes round the table. */
export function SessionHouseholds({ households, scans, order }: Props) {
  const scanOf = new Map(scans.map((s) => [s.householdId, s]));
  return (
    <section aria-labelledby="session-households">
      <h2 id="session-households">{t('session.households.title')}</h2>
      {households.length === 0 ? (
        <p>{t('session.households.empty')}</p>
      ) : (
        <ul class="household-list">
          {[...households]
            .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))
            .map((h) => {
              const scan = scanOf.get(h.id);
              const done = Boolean(scan?.finishedAt);
              return (
                <li key={h.id} class="household-row">
                  <div>
                    <p class="person-name">
                      <bdi>{h.name}</bdi>
                    </p>
                    <p class="muted">
                      {done && <span aria-hidden="true">✅ </span>}
                      {status(scan, done, order)}
                    </p>
                  </div>
                  <div class="household-row-actions">
                    <a
                      class={done ? 'btn btn-secondary' : 'btn btn-primary'}
                      href={href(
                        done ? { name: 'summary', householdId: h.id } : { name: 'scan', householdId: h.id },
                      )}
                    >
                      {done ? t('session.see-summary') : t('session.continue')}
                      <span class="sr-only">{isolate(t('session.for-household'), { name: h.name })}</span>
                    </a>
                    <a class="btn btn-quiet" href={href({ name: 'household-access', householdId: h.id })}>
                      <span aria-hidden="true">📲 </span>
                      {t('home.access')}
                      <span class="sr-only">{isolate(t('common.for-household'), { name: h.name })}</span>
                    </a>
                  </div>
                </li>
              );
            })}
        </ul>
      )}
    </section>
  );
}

function status(scan: ScanState | undefined, done: boolean, order: ScanItem[] | undefined): string {
  if (done) return t('session.scan.done');
  if (!scan?.ideaId) return t('session.scan.not-started');
  if (!order) return t('session.scan.progress', { position: '…', total: '…' });
  return t('session.scan.progress', { position: indexOf(order, scan.ideaId) + 1, total: order.length });
}
