import { useEffect } from 'preact/hooks';
import type { CandidateLink } from '../../domain/links';
import { errorMessage, formatDate } from '../../i18n';
import { tn } from '../../i18n/neighbours';
import { Loading } from '../components/Loading';
import { NotFound } from '../components/NotFound';
import { Title } from '../components/Title';
import { useLive } from '../hooks/useLive';
import { isolate } from '../isolate';
import type { PerimeterServices } from '../services';
import { NeighbourContact } from './neighbours/NeighbourContact';
import { byTheme } from './neighbours/links-view';
import './neighbours/neighbours.css';

interface Props {
  ps: PerimeterServices;
  householdId: string;
}

/**
 * The household's sheet to print on A4 (neighbours.css: `@page` A4, black on white, large type),
 * for a resident with no smartphone: its possible links by theme, where each stands, and the
 * contact details it may see (only those the two-sided rule lets this device hold).
 */
export function NeighbourSheet({ ps, householdId }: Props) {
  const households = useLive(() => ps.queries.households(), [ps]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const neighbours = useLive(() => ps.queries.neighbours(householdId), [ps, householdId]);

  useEffect(() => {
    const stop = ps.commands.keepNeighbourContacts(householdId);
    return () => void stop();
  }, [ps, householdId]);

  if (!households || !catalogue || !neighbours) return <Loading />;
  const byId = new Map(households.map((h) => [h.id, h]));
  const household = byId.get(householdId);
  if (!household) return <NotFound message={errorMessage('household-missing')} />;
  const titles = new Map(catalogue.ideas.map((idea) => [idea.id, idea.title]));
  const themes = byTheme(neighbours, catalogue.themes, catalogue.ideas);

  const line = (link: CandidateLink) => {
    const neighbour = byId.get(link.otherId);
    if (!neighbour) return null;
    return (
      <li key={`${link.otherId}/${link.ideaId}`}>
        <strong>
          <bdi class="person-name">{neighbour.name}</bdi>
        </strong>{' '}
        · <bdi>{neighbour.place}</bdi>
        <br />
        {isolate(tn('nb.idea'), { idea: titles.get(link.ideaId) ?? '' })} —{' '}
        {link.directions.map((direction) => tn(`nb.${direction}`)).join(' ; ')}
        <br />
        {tn(`nb.state.${link.state}`)}
        {(link.state === 'linked' || link.state === 'met') && (
          <NeighbourContact ps={ps} householdId={householdId} neighbourId={link.otherId} printed />
        )}
      </li>
    );
  };

  return (
    <article class="sheet">
      <Title>{isolate(tn('nb.sheet.title'), { name: household.name })}</Title>
      <p>{tn('nb.sheet.printed', { date: formatDate(new Date().toISOString().slice(0, 10)) })}</p>
      <p>{tn('nb.intro-rule')}</p>
      <p class="no-print">
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          <span aria-hidden="true">🖨️ </span>
          {tn('nb.sheet.print')}
        </button>
      </p>
      {themes.length === 0 ? (
        <p>{tn('nb.sheet.none')}</p>
      ) : (
        themes.map(({ theme, links, groups }) => (
          <section key={theme.id} aria-labelledby={`sheet-${theme.id}`}>
            <h2 id={`sheet-${theme.id}`}>
              <bdi>{theme.title}</bdi>
            </h2>
            <ul class="sheet-list">
              {groups.flatMap((group) => group.links.map(line))}
              {links.map(line)}
            </ul>
          </section>
        ))
      )}
    </article>
  );
}
