/**
 * The café board's « Qui peut aider qui » folds a collective idea's pairs into one group (issue 12,
 * tester's fault: 10 households joining one idea made 45 lines, still there once the group had
 * become a micro-project). cafe-queries.ts cafeLinks lists every pair; this regroups them.
 */
import type { LinkDirection } from './links';

/** A link as cafeLinks gives it (the fields this fold reads). */
export interface LinkPair {
  householdId: string;
  otherId: string;
  ideaId: string;
  directions: readonly LinkDirection[];
}

/** The households present who join one collective idea: `members` sorted, at least two. */
export interface CafeGroup {
  ideaId: string;
  members: string[];
}

/**
 * Splits `links` into `pairs` (offers, wants and exchanges, in their order) and `groups`: for each
 * idea whose links are 'also-joins' (both join a collective idea), one group of every household
 * at either end of those links, sorted by idea id then member id. No link is lost: each
 * 'also-joins' link is a pair of members of its idea's group.
 */
export function foldGroups<L extends LinkPair>(links: readonly L[]): { pairs: L[]; groups: CafeGroup[] } {
  const pairs: L[] = [];
  const members = new Map<string, Set<string>>();
  for (const link of links) {
    if (link.directions[0] !== 'also-joins') {
      pairs.push(link);
      continue;
    }
    let group = members.get(link.ideaId);
    if (!group) members.set(link.ideaId, (group = new Set()));
    group.add(link.householdId).add(link.otherId);
  }
  const groups = [...members]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ideaId, ids]) => ({ ideaId, members: [...ids].sort() }));
  return { pairs, groups };
}
