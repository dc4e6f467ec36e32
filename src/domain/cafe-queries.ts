/**
 * What the Café-Rencontre's screens read (issue 12), pure over the document in memory: the next
 * café, who is present, the theme's possible links among those present (built on links.ts), a
 * household's micro-projects and proposals, and the café seen as a sign-up session.
 *
 * A café is its own sign-up session: `cafeSession` gives commands.ts signUpHousehold a session
 * under the café's id whose `present` are the households whose attendance says present. So a
 * resident who checked in by scanning the poster may witness a sign-up, with no second list for
 * the facilitator to tick and no session record to keep in step with attendance. A household
 * signed up at a café (cafe-commands.ts signUpAtCafe) has the café's id as its `sessionId`: look it
 * up among cafés when no session has that id.
 */
import type { CafeRecords } from './cafe-records';
import { cafeStatus } from './cafe-status';
import type { PerimeterView } from './commands';
import {
  type CandidateLink,
  type LinkDirection,
  type LinkState,
  type MatchWorld,
  activeHousehold,
  candidateLinks,
  choiceOf,
  directionsOf,
  linkState,
  pairWithdrawn,
} from './links';
import { parseAttendanceKey, parseMembershipKey, parseProposalKey } from './records';
import type { AnswerValue } from './constants';
import type { Cafe, Idea, Project, Proposal, ProposalDecision, Session } from './schemas';

/**
 * The café as a sign-up session (see the header): kind 'cafe', open while the café is planned
 * (closed at its last update once held or cancelled), `present` its present households in id
 * order. Undefined for an unknown café.
 */
export function cafeSession(view: PerimeterView, records: CafeRecords, cafeId: string): Session | undefined {
  const cafe = records.cafes.get(cafeId);
  if (!cafe) return undefined;
  return {
    id: cafe.id,
    date: cafe.date,
    place: cafe.place,
    kind: 'cafe',
    present: presentAt(view, records, cafeId),
    openedAt: cafe.createdAt,
    closedAt: cafe.state === 'planned' ? null : cafe.updatedAt,
  };
}

/**
 * The households present at a café: those whose latest attendance record says present, signed up
 * and not erased, in id order. One pass over the attendance map.
 */
export function presentAt(
  view: Pick<PerimeterView, 'household'>,
  records: Pick<CafeRecords, 'attendance'>,
  cafeId: string,
): string[] {
  const present: string[] = [];
  for (const [key, attendance] of records.attendance.entries()) {
    const ids = parseAttendanceKey(key);
    if (ids?.cafeId !== cafeId || !attendance.present) continue;
    if (activeHousehold(view.household(ids.householdId))) present.push(ids.householdId);
  }
  return present.sort(compareIds);
}

/**
 * The next café: the planned one that has not ended yet at instant `now` (ms since the epoch, the
 * device's clock; cafe-status.ts reads cafés' times in the perimeter's time zone), the earliest
 * first (date, start, id). A café in progress is still the next one; a café over but not marked
 * held ('to-close') is not. Undefined when none is planned.
 */
export function nextCafe(records: Pick<CafeRecords, 'cafes'>, now: number): Cafe | undefined {
  let next: Cafe | undefined;
  for (const [, cafe] of records.cafes.entries()) {
    const status = cafeStatus(cafe, now);
    if (status !== 'planned' && status !== 'in-progress') continue;
    if (!next || sortKey(cafe) < sortKey(next)) next = cafe;
  }
  return next;
}

const sortKey = (cafe: Cafe) => `${cafe.date}T${cafe.start}/${cafe.id}`;

/**
 * Whether an idea is on a café's theme: of its catalogue theme (shipped or local ideas of that
 * theme), or among its local theme's ideas.
 */
export function onCafeTheme(
  cafe: Pick<Cafe, 'theme' | 'ideaIds'>,
  ideaId: string,
  idea: Pick<Idea, 'theme'>,
) {
  return cafe.theme !== null ? idea.theme === cafe.theme : cafe.ideaIds.includes(ideaId);
}

/**
 * The ideas of a café's theme that are not retired, in the order given (`ideas`: the catalogue's
 * then the perimeter's local ideas, as the scan shows them): what the short re-scan at the café
 * goes through.
 */
export function cafeThemeIdeas<I extends Pick<Idea, 'id' | 'theme'>>(
  cafe: Pick<Cafe, 'theme' | 'ideaIds'>,
  ideas: Iterable<I>,
  isRetired: (ideaId: string) => boolean,
): I[] {
  const onTheme: I[] = [];
  for (const idea of ideas) if (!isRetired(idea.id) && onCafeTheme(cafe, idea.id, idea)) onTheme.push(idea);
  return onTheme;
}

/** One possible link between two households present at a café, seen from `householdId`'s side. */
export interface CafeLink {
  /** The smaller id of the two, so that each pair shows once. */
  householdId: string;
  otherId: string;
  ideaId: string;
  /** As links.ts CandidateLink, from `householdId`'s side. */
  directions: readonly LinkDirection[];
  /** From `householdId`'s side (links.ts linkState), so the tablet can show who already met. */
  state: LinkState;
}

/**
 * The theme's possible links among those present (the tablet's view): every pair of present
 * households (signed up, not erased) whose answers meet on an idea of the café's theme that is
 * known and not retired (links.ts `directionsOf`), once per pair and idea, sorted by idea then
 * household ids. A collective idea shows only if the perimeter's group is big enough (active
 * households joining it ≥ `world.groupThreshold`), as links.ts rankedNeighbours does: the group
 * exists in the perimeter, the café shows who of it came. Equal to the present households'
 * `candidateLinks` restricted to the theme and to present neighbours (the property test's model).
 *
 * Cost: one lookup per present household and idea it answered, then per pair of present
 * households answering the same theme idea; plus one lookup per household of the perimeter and
 * collective theme idea, for the group sizes.
 */
export function cafeLinks(world: MatchWorld, cafe: Cafe, present: Iterable<string>): CafeLink[] {
  const answerers = new Map<string, { kind: Idea['kind']; sides: [string, AnswerValue][] }>();
  for (const householdId of [...new Set(present)].sort(compareIds)) {
    if (!activeHousehold(world.household(householdId))) continue;
    for (const [ideaId, value] of world.answers.get(householdId) ?? []) {
      if (value === 'no') continue;
      const idea = world.idea(ideaId);
      if (!idea || world.isRetired(ideaId) || !onCafeTheme(cafe, ideaId, idea)) continue;
      let entry = answerers.get(ideaId);
      if (!entry) answerers.set(ideaId, (entry = { kind: idea.kind, sides: [] }));
      entry.sides.push([householdId, value]);
    }
  }
  const small = smallGroups(world, answerers);
  const links: CafeLink[] = [];
  for (const ideaId of [...answerers.keys()].sort(compareIds)) {
    if (small.has(ideaId)) continue;
    const { kind, sides } = answerers.get(ideaId)!;
    for (let i = 0; i < sides.length; i++) {
      const [householdId, mine] = sides[i]!;
      for (let j = i + 1; j < sides.length; j++) {
        const [otherId, theirs] = sides[j]!;
        const directions = directionsOf(kind, mine, theirs);
        if (!directions) continue;
        const state = linkState(
          choiceOf(world.choices, householdId, otherId, ideaId)?.value,
          choiceOf(world.choices, otherId, householdId, ideaId)?.value,
          pairWithdrawn(world.choices, householdId, otherId),
        );
        links.push({ householdId, otherId, ideaId, directions, state });
      }
    }
  }
  return links;
}

/** The collective ideas among `answerers` joined by fewer active households than the threshold. */
function smallGroups(world: MatchWorld, answerers: ReadonlyMap<string, { kind: Idea['kind'] }>): Set<string> {
  const collective = [...answerers].filter(([, entry]) => entry.kind === 'collective').map(([id]) => id);
  const joiners = new Map<string, number>();
  if (collective.length > 0) {
    for (const [householdId, answers] of world.answers) {
      if (!activeHousehold(world.household(householdId))) continue;
      for (const ideaId of collective) {
        if (answers.get(ideaId) === 'join') joiners.set(ideaId, (joiners.get(ideaId) ?? 0) + 1);
      }
    }
  }
  return new Set(collective.filter((id) => (joiners.get(id) ?? 0) < world.groupThreshold));
}

/** One of a household's own links at a café, and whether the neighbour is there. */
export type CafeCandidateLink = CandidateLink & { present: boolean };

/**
 * A household's own matches on the café's theme (the phone's view): links.ts candidateLinks
 * restricted to the theme's ideas, neighbours present first, each group in candidateLinks's order.
 */
export function householdCafeLinks(
  world: MatchWorld,
  cafe: Cafe,
  householdId: string,
  present: Iterable<string>,
): CafeCandidateLink[] {
  const here = new Set(present);
  const links: CafeCandidateLink[] = [];
  for (const link of candidateLinks(world, householdId)) {
    const idea = world.idea(link.ideaId);
    if (idea && onCafeTheme(cafe, link.ideaId, idea))
      links.push({ ...link, present: here.has(link.otherId) });
  }
  return [...links.filter((link) => link.present), ...links.filter((link) => !link.present)];
}

/** A micro-project and its current members (households whose latest membership says member). */
export interface ProjectWithMembers {
  key: string;
  project: Project;
  /** Member household ids, in id order. */
  members: string[];
}

/**
 * Every micro-project with its members, by next step's date (projects with none last), then name
 * and key. One pass over the projects and one over the memberships.
 */
export function projectsWithMembers(
  records: Pick<CafeRecords, 'projects' | 'memberships'>,
): ProjectWithMembers[] {
  const byKey = new Map<string, ProjectWithMembers>();
  for (const [key, project] of records.projects.entries()) byKey.set(key, { key, project, members: [] });
  for (const [key, membership] of records.memberships.entries()) {
    const ids = parseMembershipKey(key);
    if (ids && membership.member) byKey.get(ids.projectKey)?.members.push(ids.householdId);
  }
  const all = [...byKey.values()];
  for (const entry of all) entry.members.sort(compareIds);
  return all.sort(compareProjects);
}

/** The micro-projects `householdId` is a member of, ordered as projectsWithMembers. */
export function projectsOf(
  records: Pick<CafeRecords, 'projects' | 'memberships'>,
  householdId: string,
): ProjectWithMembers[] {
  return projectsWithMembers(records).filter((entry) => entry.members.includes(householdId));
}

function compareProjects(a: ProjectWithMembers, b: ProjectWithMembers): number {
  const da = a.project.nextStepDate ?? '9999';
  const db = b.project.nextStepDate ?? '9999';
  if (da !== db) return da < db ? -1 : 1;
  const byName = a.project.name.localeCompare(b.project.name, 'fr');
  return byName !== 0 ? byName : compareIds(a.key, b.key);
}

/** A proposed idea with its state: 'pending' until a facilitator's decision exists. */
export interface ProposalWithState {
  key: string;
  householdId: string;
  proposal: Proposal;
  state: 'pending' | ProposalDecision['value'];
  /** The local idea an accepted proposal became. */
  ideaId: string | null;
}

/**
 * Proposed ideas with their state, oldest first (then by key); only `householdId`'s when given
 * (the phone), else everyone's (the facilitator's list to decide).
 */
export function proposalsWithState(
  records: Pick<CafeRecords, 'proposals' | 'proposalDecisions'>,
  householdId?: string,
): ProposalWithState[] {
  const list: ProposalWithState[] = [];
  for (const [key, proposal] of records.proposals.entries()) {
    const ids = parseProposalKey(key);
    if (!ids || (householdId !== undefined && ids.householdId !== householdId)) continue;
    const decision = records.proposalDecisions.get(key);
    list.push({
      key,
      householdId: ids.householdId,
      proposal,
      state: decision?.value ?? 'pending',
      ideaId: decision?.ideaId ?? null,
    });
  }
  return list.sort((a, b) =>
    a.proposal.at !== b.proposal.at ? (a.proposal.at < b.proposal.at ? -1 : 1) : compareIds(a.key, b.key),
  );
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
