/**
 * How "Mes voisins" arranges a household's links (src/ui/screens/neighbours/links-view.ts): by
 * theme in the catalogue's order, the ranking's order kept within a theme, a collective idea's
 * links gathered into one group, and links the catalogue cannot name left out.
 */
import { describe, expect, it } from 'vitest';
import type { CandidateLink, RankedNeighbour } from '../../../src/domain/links';
import type { Idea, Theme } from '../../../src/domain/schemas';
import { byTheme } from '../../../src/ui/screens/neighbours/links-view';

const theme = (id: string): Theme => ({ id, icon: '', title: id, intro: '' });
const idea = (id: string, themeId: string, kind: Idea['kind'] = 'exchange'): Idea => ({
  id,
  theme: themeId,
  kind,
  title: id,
  hint: '',
});
const link = (otherId: string, ideaId: string, themeId: string, joins = false): CandidateLink => ({
  otherId,
  ideaId,
  themeId,
  directions: joins ? ['also-joins'] : ['offers-what-you-seek'],
  state: 'none',
  mine: undefined,
  theirs: undefined,
});
const neighbour = (otherId: string, links: CandidateLink[]): RankedNeighbour => ({
  otherId,
  samePlace: false,
  sharedLanguage: false,
  pendingRequests: 0,
  lastAnsweredAt: undefined,
  links,
});

describe('byTheme', () => {
  const themes = [theme('tools'), theme('garden'), theme('food')];
  const ideas = [idea('drill', 'tools'), idea('ladder', 'tools'), idea('plot', 'garden', 'collective')];

  it('groups by theme in the catalogue’s order, keeping the ranking within a theme', () => {
    const ranked = [
      neighbour('bob', [link('bob', 'plot', 'garden', true), link('bob', 'drill', 'tools')]),
      neighbour('ann', [link('ann', 'ladder', 'tools'), link('ann', 'plot', 'garden', true)]),
    ];
    const views = byTheme(ranked, themes, ideas);
    expect(views.map((view) => view.theme.id)).toEqual(['tools', 'garden']);
    expect(views[0]!.links.map((l) => `${l.otherId}/${l.ideaId}`)).toEqual(['bob/drill', 'ann/ladder']);
    expect(views[0]!.groups).toEqual([]);
    expect(views[1]!.links).toEqual([]);
    expect(views[1]!.groups.map((g) => [g.ideaId, g.links.map((l) => l.otherId)])).toEqual([
      ['plot', ['bob', 'ann']],
    ]);
  });

  it('leaves out a link whose idea or theme the catalogue does not know', () => {
    const ranked = [neighbour('bob', [link('bob', 'gone', 'tools'), link('bob', 'drill', 'nowhere')])];
    expect(byTheme(ranked, themes, ideas)).toEqual([]);
  });
});
