/**
 * The association's figures (issue 13, must-haves 1 and 2): what the facilitators' dashboard and
 * the impact report show, computed on the device from the perimeter's document as it holds it in
 * memory (the same inputs as links.ts's MatchWorld, plus the café records and every profile).
 * Pure, offline, one pass over each map: no figure is stored, each is derived again from the
 * records (one source of truth).
 *
 * What must stay true: an erased household (`Household.erasedAt`, links.ts `activeHousehold`)
 * counts nowhere: not in the coverage, nor the offers and wants, nor a link, a café's attendance
 * or a project's participants.
 *
 * The period (`DashboardPeriod`) filters what has a date: sign-ups by `joinedAt`, link events by
 * their choices' `at`, cafés by their date, projects by `createdAt`. Answers and choices keep only
 * their latest value (records.ts: last change wins), so offers and wants are those of the
 * households signed up by the end of the period, as they stand now; and a link's month is read
 * from the dates of the choices it holds now (see `LinkMonth`).
 */
import type { CafeRecords } from './cafe-records';
import { projectsWithMembers } from './cafe-queries';
import { countsAsHeld } from './cafe-status';
import {
  type MatchWorld,
  activeHousehold,
  isOfferAnswer,
  isSeekAnswer,
  linkState,
  pairWithdrawn,
  reachable,
  withdrawnPartners,
} from './links';
import { perimeterDay } from './perimeter-day';
import { parseAttendanceKey } from './records';
import type { Cafe, Choice, Household, Perimeter } from './schemas';

/**
 * A period of the impact report: calendar dates 'YYYY-MM-DD', both included (report-period.ts
 * `parsePeriod` makes them), compared with the perimeter's calendar day of the records' ISO 8601
 * timestamps (perimeter-day.ts `perimeterDay`: Europe/Paris); cafés carry the perimeter's date,
 * compared as it is.
 * An absent bound leaves that side open.
 */
export interface DashboardPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

/** What the dashboard reads: the perimeter's document in memory. */
export interface DashboardInput {
  perimeter: Pick<Perimeter, 'dwellings' | 'places'>;
  /** Every profile of the document, erased ones included (they are left out here). */
  households: Iterable<Household>;
  /** links.ts MatchWorld's answers, profiles, ideas and choices. */
  world: Pick<MatchWorld, 'answers' | 'household' | 'idea' | 'isRetired' | 'choices'>;
  /** The Café-Rencontre's maps (cafe-records.ts). */
  records: Pick<CafeRecords, 'cafes' | 'attendance' | 'projects' | 'memberships'>;
}

/** Households signed up at one place (street or building: `Household.place`). */
export interface PlaceCoverage {
  place: string;
  households: number;
}

/** How much of the perimeter signed up. */
export interface Coverage {
  /** The perimeter's dwellings (`Perimeter.dwellings`). */
  dwellings: number;
  /** Active households signed up by the end of the period. */
  households: number;
  /** households / dwellings (may pass 1 if the dwellings were under-counted). */
  share: number;
  /** Active households that signed up within the period. */
  signedUpInPeriod: number;
  /**
   * Per place: the perimeter's places in their order (0 where none signed up), then any other
   * place a household names, sorted. The document has no dwelling count per place.
   */
  places: PlaceCoverage[];
}

/**
 * Answers per theme of the households counted in the coverage, on known ideas that are not
 * retired: offers ('offer' or 'both') and wants ('seek' or 'both') on exchange ideas, 'join' on
 * collective ones. An answer that does not fit its idea's kind counts nowhere.
 */
export interface ThemeFigures {
  themeId: string;
  offers: number;
  wants: number;
  joins: number;
}

/**
 * An exchange idea with households on one side that no other household answers on the other:
 * wants no one else offers ("besoins sans réponse", as links.ts perimeterLinks `unmetWants`), or
 * offers no one else wants yet. A household a withdrawal separates from one on the other side does
 * not count as an answer to it.
 */
export interface OneSidedIdea {
  ideaId: string;
  themeId: string;
  /** The households left without an answer on that side. */
  households: number;
}

/**
 * Link events of one calendar month ('YYYY-MM' of the perimeter's calendar, perimeter-day.ts). A
 * link is two active households and a known idea with a choice from either side (links.ts); each
 * counts at most once per kind:
 * - asked: one side says yes or met; its month is the earliest such choice's;
 * - agreed: the link is linked or met (links.ts linkState, a withdrawal of the pair stops it);
 *   its month is the later of the two sides' choices;
 * - met: the link is met; its month is the earliest 'met' choice's.
 */
export interface LinkMonth {
  month: string;
  asked: number;
  agreed: number;
  met: number;
}

/**
 * A café held within the period and who came: marked held, or counted held from its attendance
 * (cafe-status.ts countsAsHeld: not cancelled, someone present).
 */
export interface CafeFigures {
  cafeId: string;
  date: string;
  place: string;
  /** Its catalogue theme's id, or null when it had a local theme (`localTheme`). */
  theme: string | null;
  localTheme: string | null;
  /** Whether a facilitator marked it held; false when it counts from its attendance alone. */
  marked: boolean;
  /** Active households whose latest attendance record says present. */
  present: number;
  /** Of them, those who scanned the poster's code rather than being ticked. */
  scanned: number;
  /** Active households signed up at this café (their `sessionId` is the café's id). */
  signedUpThere: number;
}

/** A micro-project created by the end of the period, and its active participants. */
export interface ProjectFigures {
  key: string;
  name: string;
  ideaId: string | null;
  /** Active member households, in id order. */
  members: string[];
  createdInPeriod: boolean;
}

/** Every figure of the dashboard and the impact report, for one period. */
export interface DashboardFigures {
  period: DashboardPeriod;
  coverage: Coverage;
  /** Themes with at least one counted answer, by id. */
  themes: ThemeFigures[];
  /** By theme, then idea id. */
  unmetWants: OneSidedIdea[];
  unwantedOffers: OneSidedIdea[];
  links: {
    /**
     * Every month from the period's first to its last (open bounds: the first or last month with
     * an event), zeros included, so a line chart has no gap. Empty when nothing happened and the
     * period is open.
     */
    months: LinkMonth[];
    totals: Omit<LinkMonth, 'month'>;
  };
  cafes: {
    /** Cafés held within the period (see CafeFigures), by date, start time, id. */
    held: CafeFigures[];
    /** Presences summed over the held cafés. */
    presences: number;
    /** Households present at one held café of the period at least. */
    attendees: number;
  };
  projects: {
    /** In cafe-queries.ts projectsWithMembers's order. */
    list: ProjectFigures[];
    /** Households taking part in one project at least. */
    participants: number;
  };
}

/** The perimeter's calendar day of a record's date (perimeter-day.ts). */
const dayOf = perimeterDay;

/** Whether a date ('YYYY-MM-DD…') falls within the period, bounds included. */
export function inPeriod(period: DashboardPeriod, at: string): boolean {
  return dayInPeriod(period, dayOf(at));
}

const dayInPeriod = (period: DashboardPeriod, day: string) =>
  (period.from === undefined || day >= period.from) && (period.to === undefined || day <= period.to);

const byEnd = (period: DashboardPeriod, at: string) => period.to === undefined || dayOf(at) <= period.to;

/**
 * Every figure of the dashboard for `period` (every date when empty). O(households + answers +
 * choices + attendance + projects + memberships).
 */
export function dashboardFigures(input: DashboardInput, period: DashboardPeriod = {}): DashboardFigures {
  // Read once: a Map's or a Y.Map's values() is an iterator, and two figures walk the profiles.
  const households = [...input.households];
  const counted = new Set<string>();
  const coverage = coverageOf(input.perimeter, households, period, counted);
  const { themes, unmetWants, unwantedOffers } = answersOf(input.world, counted);
  return {
    period,
    coverage,
    themes,
    unmetWants,
    unwantedOffers,
    links: linksOf(input.world, period),
    cafes: cafesOf(input, households, period),
    projects: projectsOf(input, period),
  };
}

/** The coverage; fills `counted` with the households it counts. */
function coverageOf(
  perimeter: DashboardInput['perimeter'],
  households: readonly Household[],
  period: DashboardPeriod,
  counted: Set<string>,
): Coverage {
  const places = new Map<string, number>(perimeter.places.map((place) => [place, 0]));
  const known = places.size;
  let signedUpInPeriod = 0;
  for (const household of households) {
    if (!activeHousehold(household) || !byEnd(period, household.joinedAt)) continue;
    counted.add(household.id);
    places.set(household.place, (places.get(household.place) ?? 0) + 1);
    if (inPeriod(period, household.joinedAt)) signedUpInPeriod++;
  }
  const entries = [...places].map(([place, households]) => ({ place, households }));
  const others = entries.slice(known).sort((a, b) => compareIds(a.place, b.place));
  const { dwellings } = perimeter;
  return {
    dwellings,
    households: counted.size,
    share: counted.size / dwellings,
    signedUpInPeriod,
    places: [...entries.slice(0, known), ...others],
  };
}

/** What answersOf keeps of one idea: looked up once, its theme's figures made at its first answer. */
interface IdeaTally {
  kind: 'exchange' | 'collective';
  themeId: string;
  theme: ThemeFigures | undefined;
  offerers: string[];
  seekers: string[];
}

function answersOf(world: DashboardInput['world'], counted: ReadonlySet<string>) {
  const themes = new Map<string, ThemeFigures>();
  // One lookup of each idea (known, not retired) rather than one per answer: 84,000 answers on
  // the worst case, over 168 ideas.
  const tallies = new Map<string, IdeaTally | null>();
  const themeOf = (tally: IdeaTally) => {
    if (tally.theme) return tally.theme;
    let theme = themes.get(tally.themeId);
    if (!theme)
      themes.set(tally.themeId, (theme = { themeId: tally.themeId, offers: 0, wants: 0, joins: 0 }));
    return (tally.theme = theme);
  };
  for (const [householdId, answers] of world.answers) {
    if (!counted.has(householdId)) continue;
    for (const [ideaId, value] of answers) {
      let tally = tallies.get(ideaId);
      if (tally === undefined) {
        const idea = world.idea(ideaId);
        tally =
          idea && !world.isRetired(ideaId)
            ? { kind: idea.kind, themeId: idea.theme, theme: undefined, offerers: [], seekers: [] }
            : null;
        tallies.set(ideaId, tally);
      }
      if (tally === null) continue;
      if (tally.kind === 'collective') {
        if (value === 'join') themeOf(tally).joins++;
        continue;
      }
      if (isOfferAnswer(value)) {
        themeOf(tally).offers++;
        tally.offerers.push(householdId);
      }
      if (isSeekAnswer(value)) {
        themeOf(tally).wants++;
        tally.seekers.push(householdId);
      }
    }
  }
  const unmetWants: OneSidedIdea[] = [];
  const unwantedOffers: OneSidedIdea[] = [];
  const partners = withdrawnPartners(world.choices);
  for (const [ideaId, tally] of tallies) {
    if (tally === null || tally.kind === 'collective') continue;
    const { themeId, offerers, seekers } = tally;
    const unmet = alone(seekers, offerers, partners);
    if (unmet > 0) unmetWants.push({ ideaId, themeId, households: unmet });
    const unwanted = alone(offerers, seekers, partners);
    if (unwanted > 0) unwantedOffers.push({ ideaId, themeId, households: unwanted });
  }
  return {
    themes: [...themes.values()].sort((a, b) => compareIds(a.themeId, b.themeId)),
    unmetWants: unmetWants.sort(compareOneSided),
    unwantedOffers: unwantedOffers.sort(compareOneSided),
  };
}

/**
 * How many of `mine` find no household among `others` they could still link with: none but
 * themselves and those a withdrawal separates them from (links.ts `reachable`).
 */
function alone(
  mine: readonly string[],
  others: readonly string[],
  partners: ReadonlyMap<string, ReadonlySet<string>>,
): number {
  const set = new Set(others);
  return mine.filter((id) => reachable(id, set, partners) === 0).length;
}

const compareOneSided = (a: OneSidedIdea, b: OneSidedIdea) =>
  compareIds(a.themeId, b.themeId) || compareIds(a.ideaId, b.ideaId);

const saidYes = (choice: Choice | undefined) => choice?.value === 'yes' || choice?.value === 'met';

function linksOf(world: DashboardInput['world'], period: DashboardPeriod): DashboardFigures['links'] {
  const months = new Map<string, LinkMonth>();
  const totals = { asked: 0, agreed: 0, met: 0 };
  const count = (kind: 'asked' | 'agreed' | 'met', at: string | undefined) => {
    if (at === undefined) return;
    const day = dayOf(at);
    if (!dayInPeriod(period, day)) return;
    const month = day.slice(0, 7);
    let row = months.get(month);
    if (!row) months.set(month, (row = { month, asked: 0, agreed: 0, met: 0 }));
    row[kind]++;
    totals[kind]++;
  };
  for (const [a, byOther] of world.choices) {
    if (!activeHousehold(world.household(a))) continue;
    for (const [b, byIdea] of byOther) {
      if (!activeHousehold(world.household(b))) continue;
      const reverse = world.choices.get(b)?.get(a);
      const withdrawn = pairWithdrawn(world.choices, a, b);
      for (const [ideaId, mine] of byIdea) {
        // Each link once: from the smaller id's side, or from the only side that chose.
        const theirs = reverse?.get(ideaId);
        if ((theirs && b < a) || !world.idea(ideaId)) continue;
        const both = theirs ? [mine, theirs] : [mine];
        count('asked', earliest(both.filter(saidYes)));
        const state = linkState(mine.value, theirs?.value, withdrawn);
        if (state === 'linked' || state === 'met') count('agreed', latest(both));
        if (state === 'met') count('met', earliest(both.filter((c) => c.value === 'met')));
      }
    }
  }
  return { months: monthRange(period, months), totals };
}

const earliest = (choices: Choice[]) =>
  choices.reduce<string | undefined>((min, c) => (min === undefined || c.at < min ? c.at : min), undefined);
const latest = (choices: Choice[]) =>
  choices.reduce<string | undefined>((max, c) => (max === undefined || c.at > max ? c.at : max), undefined);

/** The months from the period's first (or the first event's) to its last, gaps filled with zeros. */
function monthRange(period: DashboardPeriod, months: ReadonlyMap<string, LinkMonth>): LinkMonth[] {
  const seen = [...months.keys()].sort();
  const first = period.from?.slice(0, 7) ?? seen[0];
  const last = period.to?.slice(0, 7) ?? seen[seen.length - 1];
  if (first === undefined || last === undefined) return [];
  const range: LinkMonth[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    range.push(months.get(month) ?? { month, asked: 0, agreed: 0, met: 0 });
  }
  return range;
}

/** 'YYYY-MM' → the month after it. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}`;
}

function cafesOf(
  input: DashboardInput,
  households: readonly Household[],
  period: DashboardPeriod,
): DashboardFigures['cafes'] {
  // Every café of the period that may count (cafe-status.ts countsAsHeld), with who came; those
  // that do not count are dropped once attendance is known.
  const candidates = new Map<string, { cafe: Cafe; figures: CafeFigures; present: string[] }>();
  for (const [, cafe] of input.records.cafes.entries()) {
    if (cafe.state === 'cancelled' || !inPeriod(period, cafe.date)) continue;
    candidates.set(cafe.id, {
      cafe,
      present: [],
      figures: {
        cafeId: cafe.id,
        date: cafe.date,
        place: cafe.place,
        theme: cafe.theme,
        localTheme: cafe.localTheme,
        marked: cafe.state === 'held',
        present: 0,
        scanned: 0,
        signedUpThere: 0,
      },
    });
  }
  for (const [key, attendance] of input.records.attendance.entries()) {
    const ids = parseAttendanceKey(key);
    const candidate = ids && candidates.get(ids.cafeId);
    if (!candidate || !attendance.present || !activeHousehold(input.world.household(ids.householdId)))
      continue;
    candidate.figures.present++;
    if (attendance.how === 'scanned') candidate.figures.scanned++;
    candidate.present.push(ids.householdId);
  }
  const held = new Map<string, CafeFigures>();
  const attendees = new Set<string>();
  let presences = 0;
  const cafes: Cafe[] = [];
  for (const { cafe, figures, present } of candidates.values()) {
    if (!countsAsHeld(cafe, figures.present)) continue;
    held.set(cafe.id, figures);
    cafes.push(cafe);
    presences += figures.present;
    for (const id of present) attendees.add(id);
  }
  for (const household of households) {
    const figures = household.sessionId === null ? undefined : held.get(household.sessionId);
    if (figures && activeHousehold(household)) figures.signedUpThere++;
  }
  cafes.sort((a, b) =>
    a.date !== b.date ? compareIds(a.date, b.date) : compareIds(a.start, b.start) || compareIds(a.id, b.id),
  );
  return { held: cafes.map((cafe) => held.get(cafe.id)!), presences, attendees: attendees.size };
}

function projectsOf(input: DashboardInput, period: DashboardPeriod): DashboardFigures['projects'] {
  const participants = new Set<string>();
  const list: ProjectFigures[] = [];
  for (const { key, project, members } of projectsWithMembers(input.records)) {
    if (!byEnd(period, project.createdAt)) continue;
    const active = members.filter((id) => activeHousehold(input.world.household(id)));
    for (const id of active) participants.add(id);
    list.push({
      key,
      name: project.name,
      ideaId: project.ideaId,
      members: active,
      createdInPeriod: inPeriod(period, project.createdAt),
    });
  }
  return { list, participants: participants.size };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
