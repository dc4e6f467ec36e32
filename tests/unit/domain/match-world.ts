/**
 * The matching world a device holds (domain/links.ts `MatchWorld`), built from plain records for
 * the links' property tests (links.test.ts, cafe-links.test.ts), whose random perimeters differ
 * but whose world is laid out the same way.
 */
import {
  type AnswerValue,
  type Choice,
  type ChoiceValue,
  type Household,
  type Idea,
  type MatchWorld,
  indexChoices,
} from '../../../src/domain';

/** Every answer value and every choice value, for the generators. */
export const ANSWER_VALUES: AnswerValue[] = ['offer', 'seek', 'both', 'no', 'join'];
export const CHOICE_VALUES: ChoiceValue[] = ['yes', 'not-now', 'met', 'withdrawn'];

export interface WorldRecords {
  /** Every profile, erased ones included. */
  profiles: Household[];
  /** `[householdId, ideaId, value]`, at most one per household and idea. */
  answers: [string, string, AnswerValue][];
  /** The catalogue's ideas by id; an id not in it is unknown. */
  ideas: Readonly<Record<string, Pick<Idea, 'theme' | 'kind'>>>;
  retired: readonly string[];
  /** `[choiceKey, choice]`, as the document's choices map holds them. */
  choices: [string, Choice][];
  groupThreshold: number;
  /** Each household's latest answer time; none by default. */
  lastAnsweredAt?: (householdId: string) => string | undefined;
}

/** The world over `records`, its maps filled in the order the records come in. */
export function matchWorldOf(records: WorldRecords): MatchWorld {
  const answers = new Map<string, Map<string, AnswerValue>>();
  for (const [householdId, ideaId, value] of records.answers) {
    const mine = answers.get(householdId) ?? new Map<string, AnswerValue>();
    answers.set(householdId, mine.set(ideaId, value));
  }
  const profiles = new Map(records.profiles.map((profile) => [profile.id, profile]));
  const retired = new Set(records.retired);
  return {
    answers,
    household: (id) => profiles.get(id),
    idea: (id) => records.ideas[id],
    isRetired: (id) => retired.has(id),
    choices: indexChoices(records.choices),
    lastAnsweredAt: records.lastAnsweredAt ?? (() => undefined),
    groupThreshold: records.groupThreshold,
  };
}
