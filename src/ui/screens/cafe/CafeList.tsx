import { orderCafes } from '../../../domain/cafe-order';
import { cafeStatus } from '../../../domain/cafe-status';
import { tc } from '../../../i18n/cafe';
import { Loading } from '../../components/Loading';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import { useNow } from '../../hooks/useNow';
import type { PerimeterServices } from '../../services';
import { cafeWhen, themeTitle } from './cafe-text';
import './cafe.css';

/**
 * The facilitator's list of cafés and the way to plan the next one. Each café's state is read by
 * this device's clock (domain/cafe-status.ts): "En cours" during its hours, "À clore" once over
 * and not marked held or cancelled; the list puts what needs the facilitator now first
 * (domain/cafe-order.ts). Each "Ouvrir" link's spoken name carries the theme and the moment, so
 * two cafés on the same theme can be told apart by a screen reader (WCAG 2.4.4, link purpose).
 */
export function CafeList({ ps }: { ps: PerimeterServices }) {
  const cafes = useLive(() => ps.queries.cafes(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const now = useNow();
  if (!cafes || !catalogue) return <Loading />;
  return (
    <>
      <Title>{tc('cafe.list.title')}</Title>
      <p>
        <a class="btn btn-primary btn-big" href={href({ name: 'cafe-plan' })}>
          <span aria-hidden="true">☕️ </span>
          {tc('cafe.plan')}
        </a>
      </p>
      {cafes.length === 0 ? (
        <p>{tc('cafe.list.none')}</p>
      ) : (
        <ul class="cafe-list">
          {orderCafes(cafes, now).map((cafe) => {
            const status = cafeStatus(cafe, now);
            return (
              <li key={cafe.id} class="card">
                <h2>
                  <bdi>{themeTitle(cafe, catalogue.themes)}</bdi>
                </h2>
                <p>{cafeWhen(cafe)}</p>
                <p>
                  <bdi>{cafe.place}</bdi> ·{' '}
                  <span class={`cafe-status cafe-is-${status}`}>{tc(`cafe.state.${status}`)}</span>
                </p>
                {status === 'to-close' && <p>{tc('cafe.to-close.hint')}</p>}
                <a class="btn btn-secondary" href={href({ name: 'cafe', cafeId: cafe.id })}>
                  {tc('cafe.list.show')}
                  <span class="sr-only">
                    {' : '}
                    <bdi>{themeTitle(cafe, catalogue.themes)}</bdi>
                    {', '}
                    {cafeWhen(cafe)}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
