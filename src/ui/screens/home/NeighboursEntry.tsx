import { tn, tnp } from '../../../i18n/neighbours';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';
import '../neighbours/neighbours.css';

/**
 * The household's way to "Mes voisins" from its home, with how many neighbours asked to get in
 * touch since it last opened that screen on this device (counted from the document on the device:
 * right offline too).
 */
export function NeighboursEntry({ ps, householdId }: { ps: PerimeterServices; householdId: string }) {
  const count = useLive(() => ps.queries.newRequests(householdId), [ps, householdId]);
  return (
    <p>
      <a
        class="btn btn-secondary btn-big btn-wide neighbours-entry"
        href={href({ name: 'neighbours', householdId })}
      >
        <span aria-hidden="true">🏘️ </span>
        {tn('nb.home.link')}
        {count !== undefined && count > 0 && (
          <span class="neighbours-badge" data-new-requests={count}>
            <span aria-hidden="true">🔔 </span>
            {tnp('nb.home.new', count)}
          </span>
        )}
      </a>
    </p>
  );
}
