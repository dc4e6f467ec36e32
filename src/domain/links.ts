/**
 * Links between neighbours (issue 11): who could get in touch with whom about which idea, how the
 * two sides' match choices combine into the state of a link, and the facilitator's view of a
 * whole perimeter. Pure: everything is read from what a device (or the server) holds in memory,
 * passed in as a `MatchWorld`.
 *
 * A link is (household, other household, idea). It exists as a candidate when the two answers
 * meet on an idea that is neither unknown nor retired, between two households that are signed up
 * and not erased: one offers ('offer' or 'both') what the other looks for ('seek' or 'both') on an
 * exchange idea, or both would take part ('join') in a collective idea whose group is big enough.
 * Its state comes from the two households' choices (records.ts `choiceKey`), never from one alone.
 */
import type { Choice, ChoiceValue, Household, Idea, Perimeter } from './schemas';
import type { AnswerValue } from './constants';
import { parseChoiceKey } from './records';

/**
 * How the other household meets this one on an idea: it offers what this one looks for, it looks
 * for what this one offers, or both would take part in a collective idea.
 */
export type LinkDirection = 'offers-what-you-seek' | 'seeks-what-you-offer' | 'also-joins';

/**
 * The state of a link seen from its household (`mine` is its own choice, `theirs` the other's):
 * - 'none': neither said anything;
 * - 'waiting-for-them': this household said yes (or met), the other not yet, or said "not now"
 *   (a household never learns that a neighbour said "not now": it only keeps waiting);
 * - 'waiting-for-you': the other said yes (or met), this household has not answered: a request;
 * - 'declined': this household said "not now";
 * - 'linked': both said yes; 'met': both said yes (or met) and at least one said met;
 * - 'withdrawn': either side withdrew a choice between the two households, on this idea or any
 *   other: a withdrawn yes stops everything that followed from it (no link, no contact details).
 */
export type LinkState =
  'none' | 'waiting-for-them' | 'waiting-for-you' | 'linked' | 'met' | 'declined' | 'withdrawn';

/**
 * Every match choice of a perimeter: owner household id → other household id → idea id → choice.
 * Build it with `indexChoices` from the `choices` map's entries.
 */
export type ChoiceIndex = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, Choice>>>;

/**
 * Indexes the `choices` map's entries (key `owner/other/idea`, records.ts `choiceKey`); keys that
 * do not parse are skipped. O(number of choices).
 */
export function indexChoices(entries: Iterable<readonly [string, Choice]>): ChoiceIndex {
  const index = new Map<string, Map<string, Map<string, Choice>>>();
  for (const [key, choice] of entries) {
    const ids = parseChoiceKey(key);
    if (!ids) continue;
    let byOther = index.get(ids.ownerId);
    if (!byOther) index.set(ids.ownerId, (byOther = new Map()));
    let byIdea = byOther.get(ids.otherId);
    if (!byIdea) byOther.set(ids.otherId, (byIdea = new Map()));
    byIdea.set(ids.ideaId, choice);
  }
  return index;
}

/** `ownerId`'s choice about a link with `otherId` on `ideaId`, if it made one. */
export function choiceOf(
  choices: ChoiceIndex,
  ownerId: string,
  otherId: string,
  ideaId: string,
): Choice | undefined {
  return choices.get(ownerId)?.get(otherId)?.get(ideaId);
}

const saidYes = (value: ChoiceValue | undefined) => value === 'yes' || value === 'met';

/**
 * Whether either household withdrew a choice about the other, on any idea. A later yes on the same
 * key replaces the withdrawal (last change wins), which is how a household takes it back.
 */
export function pairWithdrawn(choices: ChoiceIndex, a: string, b: string): boolean {
  return hasWithdrawal(choices.get(a)?.get(b)) || hasWithdrawal(choices.get(b)?.get(a));
}

function hasWithdrawal(byIdea: ReadonlyMap<string, Choice> | undefined): boolean {
  if (!byIdea) return false;
  for (const choice of byIdea.values()) if (choice.value === 'withdrawn') return true;
  return false;
}

/**
 * Household id → the households it has a withdrawal with, either side's (`pairWithdrawn` for every
 * pair at once; symmetric: b is in a's set exactly when a is in b's). Every count of pairs that could
 * link leaves these pairs out, since a withdrawal stops every link between the two. Erased
 * households are kept: callers count active households only. O(number of choices).
 */
export function withdrawnPartners(choices: ChoiceIndex): ReadonlyMap<string, ReadonlySet<string>> {
  const partners = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    let set = partners.get(a);
    if (!set) partners.set(a, (set = new Set()));
    set.add(b);
  };
  for (const [ownerId, byOther] of choices) {
    for (const [otherId, byIdea] of byOther) {
      if (ownerId === otherId || !hasWithdrawal(byIdea)) continue;
      add(ownerId, otherId);
      add(otherId, ownerId);
    }
  }
  return partners;
}

const NO_PARTNERS: ReadonlySet<string> = new Set();

/**
 * The state of one link from the two choices on it (see LinkState); `withdrawn` says whether the
 * pair has a withdrawal on any idea (`pairWithdrawn`).
 */
export function linkState(
  mine: ChoiceValue | undefined,
  theirs: ChoiceValue | undefined,
  withdrawn = false,
): LinkState {
  if (withdrawn || mine === 'withdrawn' || theirs === 'withdrawn') return 'withdrawn';
  if (mine === 'not-now') return 'declined';
  if (saidYes(mine) && saidYes(theirs)) return mine === 'met' || theirs === 'met' ? 'met' : 'linked';
  if (saidYes(mine)) return 'waiting-for-them';
  if (saidYes(theirs)) return 'waiting-for-you';
  return 'none';
}

/**
 * The ideas on which `a` and `b` both said yes (or met), sorted; none as soon as either withdrew
 * anything about the other. Reads choices only: whether the households and ideas still exist is
 * the caller's to check (`activeHousehold`, retirements).
 */
export function linkedIdeas(choices: ChoiceIndex, a: string, b: string): string[] {
  if (a === b || pairWithdrawn(choices, a, b)) return [];
  const mine = choices.get(a)?.get(b);
  const theirs = choices.get(b)?.get(a);
  if (!mine || !theirs) return [];
  const ideas: string[] = [];
  for (const [ideaId, choice] of mine) {
    if (saidYes(choice.value) && saidYes(theirs.get(ideaId)?.value)) ideas.push(ideaId);
  }
  return ideas.sort();
}

/**
 * True when `a` and `b` both said yes (or met) on at least one idea and neither withdrew anything
 * about the other: the first of the two conditions for contact details to flow between them (the
 * other: both consented at sign-up, `Household.consent.shareContact`, checked by the caller).
 * `choices` are entries of the `choices` map, keyed by records.ts `choiceKey` (a Map, a Y.Map, or
 * only the entries that involve `a` or `b`): one pass over them.
 */
export function mutuallyLinked(choices: Iterable<readonly [string, Choice]>, a: string, b: string): boolean {
  const pair: [string, Choice][] = [];
  const ab = a + '/' + b + '/';
  const ba = b + '/' + a + '/';
  for (const [key, choice] of choices) if (key.startsWith(ab) || key.startsWith(ba)) pair.push([key, choice]);
  return linkedIdeas(indexChoices(pair), a, b).length > 0;
}

/** Households a collective idea needs before its group is shown, unless the perimeter says otherwise. */
export const DEFAULT_GROUP_THRESHOLD = 3;

/** The perimeter's group threshold (`Perimeter.groupThreshold`), or the default. */
export function groupThresholdOf(perimeter: Pick<Perimeter, 'groupThreshold'> | undefined): number {
  return perimeter?.groupThreshold ?? DEFAULT_GROUP_THRESHOLD;
}

/** A household that is signed up and neither erased nor gone (`Household.erasedAt`). */
export function activeHousehold(household: Household | undefined): household is Household {
  return household !== undefined && household.erasedAt === undefined;
}

/** What matching reads of a perimeter: what a device holds in memory once its document is loaded. */
export interface MatchWorld {
  /** Household id → idea id → answer value, for every household with answers (sync/AnswerIndex). */
  answers: ReadonlyMap<string, ReadonlyMap<string, AnswerValue>>;
  /** A household's public profile, erased ones included (they carry `erasedAt`). */
  household(id: string): Household | undefined;
  /** An idea of the shipped catalogue or a local one, retired or not. */
  idea(id: string): Pick<Idea, 'theme' | 'kind'> | undefined;
  isRetired(ideaId: string): boolean;
  choices: ChoiceIndex;
  /** When a household last answered an idea (ISO 8601), for the ranking; undefined if unknown. */
  lastAnsweredAt(householdId: string): string | undefined;
  /** Households that must join a collective idea before its group shows (`groupThresholdOf`). */
  groupThreshold: number;
}

/** One candidate link of a household, with its state (see LinkState). */
export interface CandidateLink {
  otherId: string;
  ideaId: string;
  themeId: string;
  /**
   * How the other meets this household on the idea: one direction, or both exchange directions
   * (in this order) when each offers what the other looks for.
   */
  directions: readonly LinkDirection[];
  state: LinkState;
  /** This household's choice and the other's, when made. */
  mine: Choice | undefined;
  theirs: Choice | undefined;
}

const OFFERS: readonly LinkDirection[] = Object.freeze(['offers-what-you-seek']);
const SEEKS: readonly LinkDirection[] = Object.freeze(['seeks-what-you-offer']);
const BOTH: readonly LinkDirection[] = Object.freeze(['offers-what-you-seek', 'seeks-what-you-offer']);
const JOINS: readonly LinkDirection[] = Object.freeze(['also-joins']);

export const isOfferAnswer = (v: AnswerValue | undefined): boolean => v === 'offer' || v === 'both';
export const isSeekAnswer = (v: AnswerValue | undefined): boolean => v === 'seek' || v === 'both';

/**
 * The directions in which two answers on one idea meet (see LinkDirection), from the first
 * household's side; undefined when they do not. `kind` is the idea's: an answer that does not fit
 * it ('join' on an exchange idea, 'offer' on a collective one) never meets anything.
 */
export function directionsOf(
  kind: Idea['kind'],
  mine: AnswerValue | undefined,
  theirs: AnswerValue | undefined,
): readonly LinkDirection[] | undefined {
  if (kind === 'collective') return mine === 'join' && theirs === 'join' ? JOINS : undefined;
  const offers = isSeekAnswer(mine) && isOfferAnswer(theirs);
  const seeks = isOfferAnswer(mine) && isSeekAnswer(theirs);
  return offers ? (seeks ? BOTH : OFFERS) : seeks ? SEEKS : undefined;
}

/** What the ranking knows of one neighbour, beside its links. */
export interface RankedNeighbour {
  otherId: string;
  samePlace: boolean;
  sharedLanguage: boolean;
  /** Yes choices other households made about this neighbour that it has not answered yet. */
  pendingRequests: number;
  lastAnsweredAt: string | undefined;
  links: CandidateLink[];
}

interface MyIdea {
  ideaId: string;
  themeId: string;
  kind: Idea['kind'];
  value: AnswerValue;
}

/**
 * The ideas `householdId` answered that can make links: known, not retired, and answered with a
 * value that fits the idea (not 'no'). Sorted by idea id.
 */
function ideasOf(world: MatchWorld, householdId: string): MyIdea[] {
  const mine: MyIdea[] = [];
  for (const [ideaId, value] of world.answers.get(householdId) ?? []) {
    if (value === 'no') continue;
    const idea = world.idea(ideaId);
    if (!idea || world.isRetired(ideaId)) continue;
    mine.push({ ideaId, themeId: idea.theme, kind: idea.kind, value });
  }
  return mine.sort((a, b) => compareIds(a.ideaId, b.ideaId));
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pending requests per household: yes choices about it, from an active household, on a known idea
 * that is not retired, that it has not answered (no choice of its own on the same link), between two
 * households with no withdrawal (`pairWithdrawn`).
 * O(number of choices).
 */
export function pendingRequests(world: MatchWorld): Map<string, number> {
  const pending = new Map<string, number>();
  for (const [ownerId, byOther] of world.choices) {
    if (!activeHousehold(world.household(ownerId))) continue;
    for (const [otherId, byIdea] of byOther) {
      const answered = world.choices.get(otherId)?.get(ownerId);
      // A withdrawal stops the request: it no longer waits for an answer.
      if (hasWithdrawal(byIdea) || hasWithdrawal(answered)) continue;
      for (const [ideaId, choice] of byIdea) {
        if (choice.value !== 'yes' || answered?.has(ideaId)) continue;
        if (!world.idea(ideaId) || world.isRetired(ideaId)) continue;
        pending.set(otherId, (pending.get(otherId) ?? 0) + 1);
      }
    }
  }
  return pending;
}

/**
 * Every candidate link of `householdId`, grouped by neighbour, best neighbour first. Ranking:
 * 1. neighbours at the same place (building or street: `Household.place`) first;
 * 2. then those who share a language with this household;
 * 3. then those who received fewer pending requests (`pendingRequests`), so that one helpful
 *    neighbour is not asked by everyone;
 * 4. then those who answered most recently (`lastAnsweredAt`, unknown last);
 * 5. then by household id, so that the order never depends on the order of the input.
 * Within a neighbour, links are sorted by idea id. Never lists the household itself, an erased
 * household, a retired or unknown idea, nor a collective idea joined by fewer active households
 * than `world.groupThreshold`. Empty when the household is unknown or erased.
 *
 * Cost: one map lookup per other household and idea this one answered, plus one pass over the
 * choices; about 85,000 lookups on the 500-household worst case (bench/matching.ts).
 */
export function rankedNeighbours(world: MatchWorld, householdId: string): RankedNeighbour[] {
  const me = world.household(householdId);
  if (!activeHousehold(me)) return [];
  const mine = ideasOf(world, householdId);
  if (mine.length === 0) return [];
  const myLanguages = new Set(me.languages);
  const joiners = new Map<string, number>();
  for (const idea of mine)
    if (idea.kind === 'collective' && idea.value === 'join') joiners.set(idea.ideaId, 1);
  const myChoices = world.choices.get(householdId);
  const neighbours: RankedNeighbour[] = [];
  for (const [otherId, theirs] of world.answers) {
    if (otherId === householdId) continue;
    const other = world.household(otherId);
    if (!activeHousehold(other)) continue;
    let links: CandidateLink[] | undefined;
    const mineAbout = myChoices?.get(otherId);
    const theirsAbout = world.choices.get(otherId)?.get(householdId);
    const withdrawn = hasWithdrawal(mineAbout) || hasWithdrawal(theirsAbout);
    for (const idea of mine) {
      const value = theirs.get(idea.ideaId);
      if (value === undefined) continue;
      const directions = directionsOf(idea.kind, idea.value, value);
      if (!directions) continue;
      if (directions === JOINS) joiners.set(idea.ideaId, (joiners.get(idea.ideaId) ?? 0) + 1);
      const myChoice = mineAbout?.get(idea.ideaId);
      const theirChoice = theirsAbout?.get(idea.ideaId);
      (links ??= []).push({
        otherId,
        ideaId: idea.ideaId,
        themeId: idea.themeId,
        directions,
        state: linkState(myChoice?.value, theirChoice?.value, withdrawn),
        mine: myChoice,
        theirs: theirChoice,
      });
    }
    if (!links) continue;
    neighbours.push({
      otherId,
      samePlace: other.place === me.place,
      sharedLanguage: other.languages.some((language) => myLanguages.has(language)),
      pendingRequests: 0,
      lastAnsweredAt: world.lastAnsweredAt(otherId),
      links,
    });
  }
  const small = [...joiners].filter(([, count]) => count < world.groupThreshold).map(([id]) => id);
  const kept = small.length === 0 ? neighbours : dropGroups(neighbours, new Set(small));
  if (kept.length === 0) return kept;
  const pending = pendingRequests(world);
  for (const neighbour of kept) neighbour.pendingRequests = pending.get(neighbour.otherId) ?? 0;
  return kept.sort(compareNeighbours);
}

/** Removes the links on collective ideas whose group is too small, and neighbours left with none. */
function dropGroups(neighbours: RankedNeighbour[], small: ReadonlySet<string>): RankedNeighbour[] {
  const kept: RankedNeighbour[] = [];
  for (const neighbour of neighbours) {
    const links = neighbour.links.filter((link) => !small.has(link.ideaId));
    if (links.length > 0) kept.push({ ...neighbour, links });
  }
  return kept;
}

function compareNeighbours(a: RankedNeighbour, b: RankedNeighbour): number {
  if (a.samePlace !== b.samePlace) return a.samePlace ? -1 : 1;
  if (a.sharedLanguage !== b.sharedLanguage) return a.sharedLanguage ? -1 : 1;
  if (a.pendingRequests !== b.pendingRequests) return a.pendingRequests - b.pendingRequests;
  if (a.lastAnsweredAt !== b.lastAnsweredAt) {
    if (a.lastAnsweredAt === undefined) return 1;
    if (b.lastAnsweredAt === undefined) return -1;
    return a.lastAnsweredAt > b.lastAnsweredAt ? -1 : 1;
  }
  return compareIds(a.otherId, b.otherId);
}

/**
 * Every candidate link of `householdId`, in the order of `rankedNeighbours` (best neighbour first,
 * then by idea id). The screens group them by `themeId`, keeping this order within a theme.
 */
export function candidateLinks(world: MatchWorld, householdId: string): CandidateLink[] {
  return rankedNeighbours(world, householdId).flatMap((neighbour) => neighbour.links);
}

/**
 * Whether `householdId` and `otherId` could link on `ideaId` (the test candidateLinks applies to
 * one link), and in which directions; undefined when not. Does not check the group threshold of a
 * collective idea: a choice made while the group was big enough stays valid if it shrinks.
 */
export function linkDirections(
  world: Pick<MatchWorld, 'answers' | 'household' | 'idea' | 'isRetired'>,
  householdId: string,
  otherId: string,
  ideaId: string,
): readonly LinkDirection[] | undefined {
  if (householdId === otherId) return undefined;
  if (!activeHousehold(world.household(householdId)) || !activeHousehold(world.household(otherId))) {
    return undefined;
  }
  const idea = world.idea(ideaId);
  if (!idea || world.isRetired(ideaId)) return undefined;
  return directionsOf(
    idea.kind,
    world.answers.get(householdId)?.get(ideaId),
    world.answers.get(otherId)?.get(ideaId),
  );
}

/**
 * How many requests `householdId` received after `since` (ISO 8601, exclusive; every one when
 * undefined): yes choices of active neighbours about it, on links that are still candidates, that
 * it has not answered and that no withdrawal stopped. What the home's badge counts. A collective
 * idea's group size is not checked again (`linkDirections`): a neighbour's yes about a group came
 * while it showed.
 */
export function newRequestsSince(world: MatchWorld, householdId: string, since: string | undefined): number {
  if (!activeHousehold(world.household(householdId))) return 0;
  const mine = world.choices.get(householdId);
  let count = 0;
  for (const [ownerId, byOther] of world.choices) {
    const aboutMe = byOther.get(householdId);
    if (!aboutMe || ownerId === householdId) continue;
    if (hasWithdrawal(aboutMe) || hasWithdrawal(mine?.get(ownerId))) continue;
    for (const [ideaId, choice] of aboutMe) {
      if (choice.value !== 'yes' || (since !== undefined && choice.at <= since)) continue;
      if (mine?.get(ownerId)?.has(ideaId)) continue;
      if (linkDirections(world, householdId, ownerId, ideaId)) count++;
    }
  }
  return count;
}

/** The households on either side of one exchange idea; every (offerer, seeker) of two households is a pair. */
export interface ExchangeIdea {
  ideaId: string;
  /** Active households that offer the idea ('offer' or 'both'), sorted by id. */
  offerers: string[];
  /** Active households that look for it ('seek' or 'both'), sorted by id. */
  seekers: string[];
  /**
   * Pairs (offerer, seeker) that could link, withdrawn pairs left out (a withdrawal stops every link
   * between the two): |offerers|·|seekers| − |both| − |withdrawn|.
   */
  pairs: number;
  /** The (offerer, seeker) pairs of two different households that a withdrawal stopped, sorted. */
  withdrawn: { offererId: string; seekerId: string }[];
}

/** A collective idea's group: the active households that would take part, sorted by id. */
export interface CollectiveGroup {
  ideaId: string;
  members: string[];
}

/**
 * A want no one else offers: the seekers of an idea with no offerer but themselves and the
 * households a withdrawal separates them from.
 */
export interface UnmetWant {
  ideaId: string;
  seekers: string[];
}

/** The facilitator's view of one theme (`Idea.theme`); ideas sorted by id. */
export interface ThemeLinks {
  themeId: string;
  /** Exchange ideas with at least one pair. */
  exchanges: ExchangeIdea[];
  /** Collective ideas joined by at least `groupThreshold` active households. */
  groups: CollectiveGroup[];
  unmetWants: UnmetWant[];
}

/**
 * The facilitator's view of a whole perimeter: every pair that could link, grouped by theme (each
 * exchange idea's pairs are its offerers × its seekers, minus a household with itself: listed as
 * the two sides rather than pair by pair, since the worst case holds millions of pairs), the
 * collective groups big enough to show, and the wants that no one else offers. Only active
 * households, known ideas that are not retired, answers that fit the idea's kind. A pair with a
 * withdrawal (`withdrawnPartners`) is never counted as a pair nor as an answer to a want; a group
 * lists every household that would take part, since the group is held whoever in it withdrew from
 * whom (their own link stays stopped: `rankedNeighbours`). Themes sorted by id; a theme with
 * nothing to show is left out. One pass over every answer and every choice.
 */
export function perimeterLinks(world: MatchWorld): ThemeLinks[] {
  const sides = new Map<string, { offerers: string[]; seekers: string[]; joiners: string[] }>();
  const usable = new Map<string, Pick<Idea, 'theme' | 'kind'> | null>();
  for (const [householdId, answers] of world.answers) {
    if (!activeHousehold(world.household(householdId))) continue;
    for (const [ideaId, value] of answers) {
      if (value === 'no') continue;
      let idea = usable.get(ideaId);
      if (idea === undefined) {
        const found = world.idea(ideaId);
        idea = found && !world.isRetired(ideaId) ? found : null;
        usable.set(ideaId, idea);
      }
      if (idea === null) continue;
      let side = sides.get(ideaId);
      if (!side) sides.set(ideaId, (side = { offerers: [], seekers: [], joiners: [] }));
      if (idea.kind === 'collective') {
        if (value === 'join') side.joiners.push(householdId);
        continue;
      }
      if (isOfferAnswer(value)) side.offerers.push(householdId);
      if (isSeekAnswer(value)) side.seekers.push(householdId);
    }
  }
  const partners = withdrawnPartners(world.choices);
  const themes = new Map<string, ThemeLinks>();
  const themeOf = (themeId: string) => {
    let theme = themes.get(themeId);
    if (!theme) themes.set(themeId, (theme = { themeId, exchanges: [], groups: [], unmetWants: [] }));
    return theme;
  };
  for (const ideaId of [...sides.keys()].sort(compareIds)) {
    const { offerers, seekers, joiners } = sides.get(ideaId)!;
    const themeId = usable.get(ideaId)!.theme;
    if (joiners.length >= world.groupThreshold) {
      themeOf(themeId).groups.push({ ideaId, members: joiners.sort(compareIds) });
    }
    if (seekers.length === 0) continue;
    offerers.sort(compareIds);
    seekers.sort(compareIds);
    const offering = new Set(offerers);
    const seeking = new Set(seekers);
    let both = 0;
    for (const id of seekers) if (offering.has(id)) both++;
    const withdrawn: ExchangeIdea['withdrawn'] = [];
    for (const offererId of offerers) {
      for (const seekerId of partners.get(offererId) ?? NO_PARTNERS) {
        if (seeking.has(seekerId)) withdrawn.push({ offererId, seekerId });
      }
    }
    withdrawn.sort((a, b) => compareIds(a.offererId, b.offererId) || compareIds(a.seekerId, b.seekerId));
    const pairs = offerers.length * seekers.length - both - withdrawn.length;
    if (pairs > 0) themeOf(themeId).exchanges.push({ ideaId, offerers, seekers, pairs, withdrawn });
    const unmet = seekers.filter((id) => reachable(id, offering, partners) === 0);
    if (unmet.length > 0) themeOf(themeId).unmetWants.push({ ideaId, seekers: unmet });
  }
  return [...themes.values()].sort((a, b) => compareIds(a.themeId, b.themeId));
}

/**
 * How many of `others` `householdId` could still link with: every one but itself and those a
 * withdrawal separates it from (`withdrawnPartners`). What makes a want (or an offer) one-sided.
 */
export function reachable(
  householdId: string,
  others: ReadonlySet<string>,
  partners: ReadonlyMap<string, ReadonlySet<string>>,
): number {
  let count = others.size - (others.has(householdId) ? 1 : 0);
  for (const id of partners.get(householdId) ?? NO_PARTNERS)
    if (id !== householdId && others.has(id)) count--;
  return count;
}

/**
 * The pairs of one exchange idea that could link, (offerer, seeker), offerers in id order then
 * seekers; withdrawn pairs (`ExchangeIdea.withdrawn`) left out, so there are `exchange.pairs`.
 */
export function exchangePairs(exchange: ExchangeIdea): { offererId: string; seekerId: string }[] {
  const stopped = new Set(exchange.withdrawn.map((p) => p.offererId + '\n' + p.seekerId));
  const pairs: { offererId: string; seekerId: string }[] = [];
  for (const offererId of exchange.offerers) {
    for (const seekerId of exchange.seekers) {
      if (offererId !== seekerId && !stopped.has(offererId + '\n' + seekerId))
        pairs.push({ offererId, seekerId });
    }
  }
  return pairs;
}
