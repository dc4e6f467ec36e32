import { formatMoment } from '../../../i18n';
import { type DevicesKey, td, tdp } from '../../../i18n/devices';
import { useLive } from '../../hooks/useLive';
import type { AppServices, DeviceError } from '../../services';

/** How many incidents the panel lists; the rest are counted. */
const SHOWN = 20;

/** Error kinds the panel explains in words; any other is named as it is. */
const KNOWN_KINDS = new Set(['QuotaExceededError', 'AbortError', 'TypeError']);

function kindText(kind: string): string {
  return KNOWN_KINDS.has(kind)
    ? td(`device.errors.kind.${kind}` as DevicesKey)
    : td('device.errors.kind.other', { kind });
}

function entryText(entry: DeviceError): string {
  return td('device.errors.entry', {
    when: formatMoment(entry.at),
    task: td(`device.errors.task.${entry.task}`),
    kind: kindText(entry.kind),
  });
}

/**
 * The errors this device carried on after without telling anyone (src/storage/error-log.ts), newest
 * first, for the facilitator or whoever helps them.
 */
export function ErrorLog({ services }: { services: Pick<AppServices, 'errors'> }) {
  const errors = useLive(() => services.errors(), [services]);
  if (!errors) return null;
  return (
    <section class="card" aria-labelledby="device-errors">
      <h2 id="device-errors">{td('device.errors.title')}</h2>
      <p>{td('device.errors.intro')}</p>
      {errors.length === 0 ? (
        <p>{td('device.errors.none')}</p>
      ) : (
        <>
          <ul class="facts">
            {errors.slice(0, SHOWN).map((entry) => (
              <li key={entry.id}>{entryText(entry)}</li>
            ))}
          </ul>
          {errors.length > SHOWN && <p>{tdp('device.errors.more', errors.length - SHOWN)}</p>}
        </>
      )}
    </section>
  );
}
