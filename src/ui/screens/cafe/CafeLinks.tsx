import { foldGroups } from '../../../domain/cafe-groups';
import type { LinkDirection } from '../../../domain/links';
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
  directions: readonly LinkDirection[];
}

/**
 * The theme's possible links among those present (cafe-queries.ts cafeLinks): one line per pair
 * and idea where one offers and the other looks, or both exchange; one line per collective idea
 * for everyone present who joins it, « N voisins pour ‹idée› », marked « projet lancé » once a
 * micro-project grew from it (domain cafe-groups.ts foldGroups: 10 households made 45 lines).
 */
export function CafeLinks({
  board,
  names,
  catalogue,
}: {
  board: { links: readonly Link[]; projects: readonly { project: { ideaId: string | null } }[] };
  names: ReadonlyMap<string, string>;
  catalogue: EffectiveCatalogue;
}) {
  const title = (ideaId: string) => catalogue.ideas.find((idea) => idea.id === ideaId)?.title ?? ideaId;
  const { pairs, groups } = foldGroups(board.links);
  const started = new Set(board.projects.map((p) => p.project.ideaId));
  return (
    <section class="card" aria-labelledby="cafe-links">
      <h2 id="cafe-links">{tc('cafe.links.title')}</h2>
      {board.links.length === 0 ? (
        <p>{tc('cafe.links.none')}</p>
      ) : (
        <ul class="cafe-links">
          {groups.map((group) => (
            <li key={`group/${group.ideaId}`}>
              {isolate(tc('cafe.links.group', { count: group.members.length }), {
                idea: title(group.ideaId),
              })}
              {started.has(group.ideaId) && <> · {tc('cafe.links.group.started')}</>}
            </li>
          ))}
          {pairs.slice(0, SHOWN).map((link) => {
            const a = names.get(link.householdId) ?? '';
            const b = names.get(link.otherId) ?? '';
            const idea = title(link.ideaId);
            const [key, user] =
              link.directions.length === 2
                ? (['cafe.links.exchange', { a, b, idea }] as const)
                : link.directions[0] === 'seeks-what-you-offer'
                  ? (['cafe.links.offers', { a, b, idea }] as const)
                  : (['cafe.links.offers', { a: b, b: a, idea }] as const);
            return (
              <li key={`${link.householdId}/${link.otherId}/${link.ideaId}`}>{isolate(tc(key), user)}</li>
            );
          })}
        </ul>
      )}
      {pairs.length > SHOWN && <p>{tc('cafe.links.more', { count: pairs.length - SHOWN })}</p>}
    </section>
  );
}
