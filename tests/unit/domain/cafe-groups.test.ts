import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LinkPair, foldGroups } from '../../../src/domain/cafe-groups';
import type { LinkDirection } from '../../../src/domain/links';

const join = (ideaId: string, a: string, b: string): LinkPair => ({
  householdId: a,
  otherId: b,
  ideaId,
  directions: ['also-joins'],
});

describe('foldGroups: a collective idea is one line on the café board', () => {
  it('folds 45 pairs of 10 households into one group of 10, and keeps the other links', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `h${i}`);
    const links: LinkPair[] = [];
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) links.push(join('jardin', ids[i]!, ids[j]!));
    const offer: LinkPair = {
      householdId: 'h0',
      otherId: 'h1',
      ideaId: 'perceuse',
      directions: ['seeks-what-you-offer'],
    };
    expect(links).toHaveLength(45);
    expect(foldGroups([offer, ...links])).toEqual({
      pairs: [offer],
      groups: [{ ideaId: 'jardin', members: ids }],
    });
  });

  it('equals a brute-force model: groups are the ends of each idea’s joins, pairs the rest in order', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const direction = fc.constantFrom<LinkDirection[]>(
      ['also-joins'],
      ['offers-what-you-seek'],
      ['seeks-what-you-offer'],
      ['offers-what-you-seek', 'seeks-what-you-offer'],
    );
    const link = fc.record({
      householdId: id,
      otherId: id,
      ideaId: fc.constantFrom('x', 'y', 'z'),
      directions: direction,
    });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 30 }), (links) => {
        const { pairs, groups } = foldGroups(links);
        expect(pairs).toEqual(links.filter((l) => l.directions[0] !== 'also-joins'));
        const model = ['x', 'y', 'z']
          .map((ideaId) => {
            const joins = links.filter((l) => l.ideaId === ideaId && l.directions[0] === 'also-joins');
            const members = ['a', 'b', 'c', 'd', 'e'].filter((h) =>
              joins.some((l) => l.householdId === h || l.otherId === h),
            );
            return { ideaId, members, any: joins.length > 0 };
          })
          .filter((g) => g.any)
          .map(({ ideaId, members }) => ({ ideaId, members }));
        expect(groups).toEqual(model);
      }),
    );
  });
});
