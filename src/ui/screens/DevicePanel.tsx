import './devices.css';
import { useState } from 'preact/hooks';
import { td } from '../../i18n/devices';
import { Title } from '../components/Title';
import { useLive } from '../hooks/useLive';
import type { AppServices, DeviceAccess, PerimeterServices } from '../services';
import { ErrorLog } from './device/ErrorLog';
import { ExportForm } from './device/ExportForm';
import { ImportForm } from './device/ImportForm';
import { JoinServerForm } from './device/JoinServerForm';
import { SyncDetails } from './device/SyncDetails';

interface Props {
  services: AppServices;
  ps: PerimeterServices;
  access: DeviceAccess | undefined;
}

/**
 * For the facilitator: where this tablet's data stands, a copy to keep elsewhere (export), a copy
 * to bring back (import), and, for a tablet on its own, the way to join the server.
 */
export function DevicePanel({ services, ps, access }: Props) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  // The form goes away once this tablet has an access; the news that it joined stays.
  const [joined, setJoined] = useState(false);
  return (
    <>
      <Title>{td('device.title')}</Title>
      <div role="status">
        {joined && (
          <p class="success">
            <span aria-hidden="true">✅ </span>
            {td('device.join.done')}
          </p>
        )}
      </div>
      <SyncDetails services={services} ps={ps} />
      {!access && <JoinServerForm services={services} onJoined={() => setJoined(true)} />}
      <ExportForm ps={ps} perimeterName={perimeter?.name ?? ''} />
      <ImportForm ps={ps} />
      <ErrorLog services={services} />
    </>
  );
}
