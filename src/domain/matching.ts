/**
 * Matching inside a perimeter: an offer meets a want on the same idea, and neighbours who would
 * take part in the same collective idea meet each other.
 */
import type { AnswerValue } from './schemas';

const isOffer = (v: AnswerValue | undefined) => v === 'offer' || v === 'both';
const isSeek = (v: AnswerValue | undefined) => v === 'seek' || v === 'both';

export interface IdeaMatch {
  ideaId: string;
  /** Other households that answer the other side (or also take part). */
  neighbours: number;
}

export interface MatchSummary {
  offers: IdeaMatch[];
  seeks: IdeaMatch[];
  joins: IdeaMatch[];
  /** Distinct households that offer something this one looks for. */
  offeringWhatISeek: number;
  /** Distinct households that look for something this one offers. */
  seekingWhatIOffer: number;
  /** Distinct households on either side. */
  matchedNeighbours: number;
}

/**
 * One household's answers as `summarize` reads them: another household's by idea, its own all
 * through. A `Map` of idea id → value is one; so is a light view over a stored record, which spares
 * the caller copying 84,000 answers into maps on the 500-household worst case.
 */
export interface HouseholdAnswers {
  get(ideaId: string): AnswerValue | undefined;
  entries(): Iterable<[string, AnswerValue]>;
}

/**
 * answers: household id -> that household's answers, for the whole perimeter (households without
 * an answer may be left out). Only the ideas `householdId` answered are read of the others.
 */
export function summarize(householdId: string, answers: ReadonlyMap<string, HouseholdAnswers>): MatchSummary {
  const mine = answers.get(householdId)?.entries() ?? [];
  const offers: IdeaMatch[] = [];
  const seeks: IdeaMatch[] = [];
  const joins: IdeaMatch[] = [];
  const offering = new Set<string>();
  const seeking = new Set<string>();
  const others = [...answers].filter(([id]) => id !== householdId);
  for (const [ideaId, value] of mine) {
    const count = (test: (v: AnswerValue | undefined) => boolean, into?: Set<string>) => {
      let n = 0;
      for (const [otherId, theirs] of others) {
        if (!test(theirs.get(ideaId))) continue;
        n++;
        into?.add(otherId);
      }
      return n;
    };
    if (isOffer(value)) offers.push({ ideaId, neighbours: count(isSeek, seeking) });
    if (isSeek(value)) seeks.push({ ideaId, neighbours: count(isOffer, offering) });
    if (value === 'join') joins.push({ ideaId, neighbours: count((v) => v === 'join') });
  }
  return {
    offers,
    seeks,
    joins,
    offeringWhatISeek: offering.size,
    seekingWhatIOffer: seeking.size,
    matchedNeighbours: new Set([...offering, ...seeking]).size,
  };
}
