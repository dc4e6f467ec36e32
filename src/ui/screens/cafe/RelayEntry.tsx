import { useState } from 'preact/hooks';
import { tc } from '../../../i18n/cafe';
import { lazy } from '../../components/lazy';
import type { PerimeterServices } from '../../services';

// The relay's components and fountain code load only when someone opens it.
const RelayPanel = lazy(() => import('./RelayPanel').then((m) => m.RelayPanel));

/** The relay with no network, opened on demand from the café's page on the tablet or a phone. */
export function RelayEntry({ ps, label }: { ps: PerimeterServices; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section class="card" aria-labelledby="cafe-relay">
      <h2 id="cafe-relay">{label}</h2>
      {open ? (
        <>
          <RelayPanel ps={ps} />
          <button type="button" class="btn btn-quiet btn-wide" onClick={() => setOpen(false)}>
            {tc('cm.relay.close')}
          </button>
        </>
      ) : (
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(true)}>
          <span aria-hidden="true">🔄 </span>
          {label}
        </button>
      )}
    </section>
  );
}
