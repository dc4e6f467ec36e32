/**
 * Matching inside a perimeter: an offer meets a want on the same idea, and neighbours who would
 * take part in the same collective idea meet each other.
 */
import type { AnswerValue } from './schemas';

const offers = (v: AnswerValue | undefined) => v === 'offer' || v === 'both';
const seeks = (v: AnswerValue | undefined) => v === 'seek' || v === 'both';

export interface IdeaMatch {
  ideaId: string;
  /** Other households that answer the other side (or also take part). */
  neighbours: number;
}

export interface MatchSummary {
  offers: IdeaMatch[];
  seeks: IdeaMatch[];
  joins: IdeaMatch[];
  /** Distinct households that offer what this one looks for or look for what it offers. */
  matchedNeighbours: number;
}

/** answers: household id -> idea id -> answer value, for the whole perimeter. */
export function summarize(
  householdId: string,
  answers: ReadonlyMap<string, ReadonlyMap<string, AnswerValue>>,
): MatchSummary {
  const mine = answers.get(householdId) ?? new Map<string, AnswerValue>();
  const summary: MatchSummary = { offers: [], seeks: [], joins: [], matchedNeighbours: 0 };
  const matched = new Set<string>();
  const others = [...answers].filter(([id]) => id !== householdId);
  for (const [ideaId, value] of mine) {
    const count = (test: (v: AnswerValue | undefined) => boolean, track: boolean) => {
      let n = 0;
      for (const [otherId, theirs] of others) {
        if (!test(theirs.get(ideaId))) continue;
        n++;
        if (track) matched.add(otherId);
      }
      return n;
    };
    if (offers(value)) summary.offers.push({ ideaId, neighbours: count(seeks, true) });
    if (seeks(value)) summary.seeks.push({ ideaId, neighbours: count(offers, true) });
    if (value === 'join') summary.joins.push({ ideaId, neighbours: count((v) => v === 'join', false) });
  }
  summary.matchedNeighbours = matched.size;
  return summary;
}
