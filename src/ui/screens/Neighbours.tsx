import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage } from '../../i18n';
import { tn } from '../../i18n/neighbours';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import { useLive } from '../hooks/useLive';
import { isolate } from '../isolate';
import type { PerimeterServices } from '../services';
import { GroupCard } from './neighbours/GroupCard';
import { LinkCard } from './neighbours/LinkCard';
import { byTheme } from './neighbours/links-view';
import { useStableOrder } from './neighbours/useStableOrder';
import './neighbours/neighbours.css';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  /** On the household's own phone; otherwise the facilitator acts for it ("Pour <name>"). */
  ownSpace?: boolean;
}

/**
 * "Mes voisins": the neighbours this household could get in touch with, by theme, nearest first
 * (domain/links.ts), each with where the two stand and the choice to make. Reads the document and
 * the contact details on this device: works offline from the last sync. While it is open, the
 * linked neighbours' details are kept current (workspace/neighbour-contacts.ts).
 */
export function Neighbours({ ps, householdId, ownSpace }: Props) {
  const households = useLive(() => ps.queries.households(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const ranked = useLive(() => ps.queries.neighbours(householdId), [ps, householdId]);
  // The ranking when the screen opened holds while it stays open: a card never moves under the
  // finger after a choice (a yes gives that neighbour one more pending request, which ranks it lower).
  const neighbours = useStableOrder(ranked, (n) => n.otherId, householdId);
  // The note about what shows without network is for when there is none (not while online).
  const online = useLive(() => ps.queries.sync(), [ps])?.connection === 'online';

  useEffect(() => {
    const stop = ps.commands.keepNeighbourContacts(householdId);
    return () => void stop();
  }, [ps, householdId]);

  // The home's count of new requests starts again from this visit (on this device only).
  useEffect(() => {
    if (ownSpace && neighbours) void ps.commands.visitedNeighbours(householdId).catch(() => undefined);
  }, [ps, householdId, ownSpace, neighbours === undefined]);

  const themes = useMemo(
    () => (neighbours && catalogue ? byTheme(neighbours, catalogue.themes, catalogue.ideas) : undefined),
    [neighbours, catalogue],
  );
  if (!households || !catalogue || !neighbours || !themes) return <Loading />;
  const byId = new Map(households.map((h) => [h.id, h]));
  const household = byId.get(householdId);
  if (!household) return <NotFound message={errorMessage('household-missing')} />;
  const titles = new Map(catalogue.ideas.map((idea) => [idea.id, idea.title]));
  const linkedWith = new Map<string, string[]>();
  for (const neighbour of neighbours)
    linkedWith.set(
      neighbour.otherId,
      neighbour.links
        .filter((link) => link.state === 'linked' || link.state === 'met')
        .map((link) => link.ideaId),
    );

  return (
    <>
      <Title>{ownSpace ? tn('nb.title') : isolate(tn('nb.title-for'), { name: household.name })}</Title>
      <p class="lead">{tn('nb.intro')}</p>
      <p>{tn('nb.intro-rule')}</p>
      {!ownSpace && (
        <p>
          <a class="btn btn-secondary" href={href({ name: 'neighbour-sheet', householdId })}>
            <span aria-hidden="true">🖨️ </span>
            {tn('nb.print')}
          </a>
        </p>
      )}
      {themes.length === 0 ? (
        <p class="card">{tn('nb.none')}</p>
      ) : (
        themes.map(({ theme, links, groups }) => (
          <section key={theme.id} class="link-theme" aria-labelledby={`theme-${theme.id}`}>
            <h2 id={`theme-${theme.id}`}>
              <span aria-hidden="true">{theme.icon} </span>
              <bdi>{theme.title}</bdi>
            </h2>
            <ul class="link-cards">
              {groups.map((group) => (
                <GroupCard
                  key={group.ideaId}
                  ps={ps}
                  householdId={householdId}
                  group={group}
                  ideaTitle={titles.get(group.ideaId) ?? ''}
                  households={byId}
                />
              ))}
              {links.map((link) => {
                const neighbour = byId.get(link.otherId);
                if (!neighbour) return null;
                return (
                  <LinkCard
                    key={`${link.otherId}/${link.ideaId}`}
                    ps={ps}
                    householdId={householdId}
                    link={link}
                    neighbour={neighbour}
                    ideaTitle={titles.get(link.ideaId) ?? ''}
                    linkedIdeas={linkedWith.get(link.otherId) ?? []}
                  />
                );
              })}
            </ul>
          </section>
        ))
      )}
      {!online && <p class="muted">{tn('nb.offline-note')}</p>}
    </>
  );
}
