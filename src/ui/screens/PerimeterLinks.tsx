import type { Household } from '../../domain/schemas';
import { tn, tnp } from '../../i18n/neighbours';
import { Loading } from '../components/Loading';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { useLive } from '../hooks/useLive';
import type { PerimeterServices } from '../services';
import './neighbours/neighbours.css';

interface Props {
  ps: PerimeterServices;
}

/**
 * The facilitator's view of the whole perimeter (domain/links.ts `perimeterLinks`): by theme, each
 * idea with the households that offer it and those that look for it (every pair of the two sides
 * could link: listed as sides, since a big perimeter holds thousands of pairs), the collective
 * groups big enough to show, and the wants no one offers. Each name leads to that household's
 * links.
 */
export function PerimeterLinks({ ps }: Props) {
  const households = useLive(() => ps.queries.households(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const themes = useLive(() => ps.queries.perimeterLinks(), [ps]);
  if (!households || !catalogue || !themes) return <Loading />;
  const byId = new Map(households.map((h) => [h.id, h]));
  const themeOf = new Map(catalogue.themes.map((theme) => [theme.id, theme]));
  const titles = new Map(catalogue.ideas.map((idea) => [idea.id, idea.title]));
  const names = (ids: string[]) => <HouseholdLinks ids={ids} households={byId} />;
  const unmet = themes.flatMap((theme) => theme.unmetWants);

  return (
    <>
      <Title>{tn('links.title')}</Title>
      <p class="lead">{tn('links.intro')}</p>
      {themes.every((theme) => theme.exchanges.length === 0 && theme.groups.length === 0) && (
        <p class="card">{tn('links.none')}</p>
      )}
      {themes.map((theme) =>
        theme.exchanges.length === 0 && theme.groups.length === 0 ? null : (
          <section key={theme.themeId} class="card" aria-labelledby={`links-${theme.themeId}`}>
            <h2 id={`links-${theme.themeId}`}>
              <span aria-hidden="true">{themeOf.get(theme.themeId)?.icon} </span>
              <bdi>{themeOf.get(theme.themeId)?.title ?? theme.themeId}</bdi>
            </h2>
            <ul class="links-pairs">
              {theme.exchanges.map((exchange) => (
                <li key={exchange.ideaId}>
                  <h3>
                    <bdi>{titles.get(exchange.ideaId) ?? exchange.ideaId}</bdi>
                  </h3>
                  <p>{tnp('links.pairs', exchange.pairs)}</p>
                  <p>
                    <span aria-hidden="true">🎁 </span>
                    {tn('links.offerers')} {names(exchange.offerers)}
                  </p>
                  <p>
                    <span aria-hidden="true">🔎 </span>
                    {tn('links.seekers')} {names(exchange.seekers)}
                  </p>
                </li>
              ))}
              {theme.groups.map((group) => (
                <li key={group.ideaId}>
                  <h3>
                    <bdi>{titles.get(group.ideaId) ?? group.ideaId}</bdi>
                  </h3>
                  <p>
                    <span aria-hidden="true">👥 </span>
                    {tn('links.group')} {names(group.members)}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
      <section class="card card-warn links-unmet" aria-labelledby="links-unmet">
        <h2 id="links-unmet">
          <span aria-hidden="true">❓ </span>
          {tn('links.unmet.title')}
        </h2>
        {unmet.length === 0 ? (
          <p>{tn('links.unmet.none')}</p>
        ) : (
          <ul>
            {unmet.map((want) => (
              <li key={want.ideaId}>
                <bdi>{titles.get(want.ideaId) ?? want.ideaId}</bdi> — {tn('links.seekers')}{' '}
                {names(want.seekers)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** Household names, each a link to its "Mes voisins" screen on the tablet. */
function HouseholdLinks({ ids, households }: { ids: string[]; households: ReadonlyMap<string, Household> }) {
  return (
    <>
      {ids.map((id, i) => {
        const household = households.get(id);
        if (!household) return null;
        return (
          <span key={id}>
            {i > 0 && ', '}
            <a href={href({ name: 'neighbours', householdId: id })}>
              <bdi>{household.name}</bdi>
            </a>
          </span>
        );
      })}
    </>
  );
}
