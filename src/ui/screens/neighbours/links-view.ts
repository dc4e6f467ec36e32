/**
 * How the links screens arrange a household's candidate links: by theme in the catalogue's order,
 * the ranking's order kept within a theme (domain/links.ts `rankedNeighbours`), and the links on a
 * collective idea gathered into one group per idea.
 */
import type { CandidateLink, RankedNeighbour } from '../../../domain/links';
import type { Idea, Theme } from '../../../domain/schemas';

/** One idea's group: every neighbour who would also take part, in ranking order. */
export interface GroupView {
  ideaId: string;
  links: CandidateLink[];
}

export interface ThemeView {
  theme: Theme;
  /** Exchange links, in ranking order. */
  links: CandidateLink[];
  groups: GroupView[];
}

/**
 * `neighbours`' links by theme (themes in `themes` order; a theme with no link left out). A link
 * whose idea or theme the catalogue does not know is left out: the screen could not name it.
 */
export function byTheme(neighbours: RankedNeighbour[], themes: Theme[], ideas: Idea[]): ThemeView[] {
  const known = new Map(ideas.map((idea) => [idea.id, idea]));
  const views = new Map<string, ThemeView>(
    themes.map((theme) => [theme.id, { theme, links: [], groups: [] }]),
  );
  for (const neighbour of neighbours) {
    for (const link of neighbour.links) {
      const view = views.get(link.themeId);
      if (!view || !known.has(link.ideaId)) continue;
      if (!link.directions.includes('also-joins')) {
        view.links.push(link);
        continue;
      }
      let group = view.groups.find((g) => g.ideaId === link.ideaId);
      if (!group) view.groups.push((group = { ideaId: link.ideaId, links: [] }));
      group.links.push(link);
    }
  }
  return [...views.values()].filter((view) => view.links.length > 0 || view.groups.length > 0);
}
