import { tc } from '../../../i18n/cafe';
import { isolate } from '../../isolate';
import type { EffectiveCatalogue } from '../../services';

/**
 * Links listed at most: on a perimeter where everyone answered everything, 60 people present
 * make thousands (bench/cafe-open.ts), more than anyone reads standing in the street.
 */
const SHOWN = 100;

interface Link {
  householdId: string;
  otherId: string;
  ideaId: string;
  directions: readonly string[];
}

/**
 * The theme's possible links among those present (cafe-queries.ts cafeLinks), one line per pair
 * and idea: who offers and who looks, or both exchange, or both join a group.
 */
export function CafeLinks({
  board,
  names,
  catalogue,
}: {
  board: { links: readonly Link[] };
  names: ReadonlyMap<string, string>;
  catalogue: EffectiveCatalogue;
}) {
  const title = (ideaId: string) => catalogue.ideas.find((idea) => idea.id === ideaId)?.title ?? ideaId;
  return (
    <section class="card" aria-labelledby="cafe-links">
      <h2 id="cafe-links">{tc('cafe.links.title')}</h2>
      {board.links.length === 0 ? (
        <p>{tc('cafe.links.none')}</p>
      ) : (
        <ul class="cafe-links">
          {board.links.slice(0, SHOWN).map((link) => {
            const a = names.get(link.householdId) ?? '';
            const b = names.get(link.otherId) ?? '';
            const idea = title(link.ideaId);
            const [key, user] =
              link.directions.length === 2
                ? (['cafe.links.exchange', { a, b, idea }] as const)
                : link.directions[0] === 'also-joins'
                  ? (['cafe.links.joins', { a, b, idea }] as const)
                  : link.directions[0] === 'seeks-what-you-offer'
                    ? (['cafe.links.offers', { a, b, idea }] as const)
                    : (['cafe.links.offers', { a: b, b: a, idea }] as const);
            return (
              <li key={`${link.householdId}/${link.otherId}/${link.ideaId}`}>{isolate(tc(key), user)}</li>
            );
          })}
        </ul>
      )}
      {board.links.length > SHOWN && <p>{tc('cafe.links.more', { count: board.links.length - SHOWN })}</p>}
    </section>
  );
}
