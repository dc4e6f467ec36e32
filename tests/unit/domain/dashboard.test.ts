/**
 * The dashboard's figures (domain/dashboard.ts) against brute-force models written straight from
 * their definitions, on random perimeters (perimeter-model.ts), for random periods.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perimeterLinks } from '../../../src/domain';
import { type DashboardPeriod, dashboardFigures, nextMonth } from '../../../src/domain/dashboard';
import {
  IDEAS,
  IDEA_IDS,
  type Model,
  PLACES,
  dashboardInputOf,
  day,
  ideaOf,
  models,
  periods,
} from './perimeter-model';

const within = (period: DashboardPeriod, date: string) =>
  (!period.from || date.slice(0, 10) >= period.from) && (!period.to || date.slice(0, 10) <= period.to);
const byEnd = (period: DashboardPeriod, date: string) => !period.to || date.slice(0, 10) <= period.to;
const joinedAt = (d: number) => `${day(d)}T10:00:00.000Z`;
const sorted = <T>(items: T[], key: (item: T) => string) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

function active(model: Model): Set<string> {
  return new Set(model.households.filter((h) => !h.erased).map((h) => h.id));
}

function counted(model: Model, period: DashboardPeriod): Set<string> {
  return new Set(
    model.households.filter((h) => !h.erased && byEnd(period, joinedAt(h.joinedDay))).map((h) => h.id),
  );
}

function modelCoverage(model: Model, period: DashboardPeriod) {
  const ids = counted(model, period);
  const in_ = model.households.filter((h) => ids.has(h.id));
  const others = [...new Set(in_.map((h) => h.place).filter((p) => !PLACES.includes(p)))].sort();
  return {
    dwellings: model.dwellings,
    households: ids.size,
    share: ids.size / model.dwellings,
    signedUpInPeriod: in_.filter((h) => within(period, joinedAt(h.joinedDay))).length,
    places: [...PLACES, ...others].map((place) => ({
      place,
      households: in_.filter((h) => h.place === place).length,
    })),
  };
}

/** Every counted answer on a known idea that is not retired. */
function usableAnswers(model: Model, period: DashboardPeriod) {
  const ids = counted(model, period);
  return model.answers.filter(([h, i]) => ids.has(h) && ideaOf(i) && !model.retired.includes(i));
}

function modelThemes(model: Model, period: DashboardPeriod) {
  const answers = usableAnswers(model, period);
  const themes = [...new Set(Object.values(IDEAS).map((idea) => idea.theme))].sort();
  return themes
    .map((themeId) => {
      const mine = answers.filter(([, i]) => ideaOf(i)!.theme === themeId);
      const exchange = mine.filter(([, i]) => ideaOf(i)!.kind === 'exchange');
      return {
        themeId,
        offers: exchange.filter(([, , v]) => v === 'offer' || v === 'both').length,
        wants: exchange.filter(([, , v]) => v === 'seek' || v === 'both').length,
        joins: mine.filter(([, i, v]) => ideaOf(i)!.kind === 'collective' && v === 'join').length,
      };
    })
    .filter((t) => t.offers + t.wants + t.joins > 0);
}

function modelOneSided(model: Model, period: DashboardPeriod, side: 'wants' | 'offers') {
  const answers = usableAnswers(model, period);
  const out = [];
  for (const ideaId of IDEA_IDS) {
    const idea = ideaOf(ideaId);
    if (!idea || idea.kind !== 'exchange') continue;
    const on = answers.filter(([, i]) => i === ideaId);
    const offerers = on.filter(([, , v]) => v === 'offer' || v === 'both').map(([h]) => h);
    const seekers = on.filter(([, , v]) => v === 'seek' || v === 'both').map(([h]) => h);
    const [mine, others] = side === 'wants' ? [seekers, offerers] : [offerers, seekers];
    // A household a withdrawal separates from h does not answer h's want (or offer).
    const alone = mine.filter((h) => !others.some((o) => o !== h && !pairWithdrawn(model, h, o))).length;
    if (alone > 0) out.push({ ideaId, themeId: idea.theme, households: alone });
  }
  return sorted(out, (o) => `${o.themeId}/${o.ideaId}`);
}

/** Whether either of `a` and `b` withdrew a choice about the other, on any idea. */
const pairWithdrawn = (model: Model, a: string, b: string) =>
  model.choices.some(
    ([k, c]) => c.value === 'withdrawn' && (k.startsWith(`${a}/${b}/`) || k.startsWith(`${b}/${a}/`)),
  );

function modelLinks(model: Model, period: DashboardPeriod) {
  const ids = [...active(model)].sort();
  const choice = (a: string, b: string, i: string) =>
    model.choices.find(([k]) => k === `${a}/${b}/${i}`)?.[1];
  const events: { kind: 'asked' | 'agreed' | 'met'; at: string }[] = [];
  for (const a of ids) {
    for (const b of ids) {
      if (a >= b) continue;
      const withdrawn = model.choices.some(
        ([k, c]) => c.value === 'withdrawn' && (k.startsWith(`${a}/${b}/`) || k.startsWith(`${b}/${a}/`)),
      );
      for (const ideaId of IDEA_IDS) {
        if (!ideaOf(ideaId)) continue;
        const two = [choice(a, b, ideaId), choice(b, a, ideaId)];
        const made = two.filter((c) => c !== undefined);
        if (made.length === 0) continue;
        const yes = made.filter((c) => c.value === 'yes' || c.value === 'met');
        if (yes.length > 0) events.push({ kind: 'asked', at: yes.map((c) => c.at).sort()[0]! });
        if (withdrawn || yes.length < 2) continue;
        events.push({ kind: 'agreed', at: yes.map((c) => c.at).sort()[1]! });
        const met = yes.filter((c) => c.value === 'met');
        if (met.length > 0) events.push({ kind: 'met', at: met.map((c) => c.at).sort()[0]! });
      }
    }
  }
  const kept = events.filter((e) => within(period, e.at));
  const seen = kept.map((e) => e.at.slice(0, 7)).sort();
  const first = period.from?.slice(0, 7) ?? seen[0];
  const last = period.to?.slice(0, 7) ?? seen.at(-1);
  const months = [];
  if (first && last) {
    for (let month = first; month <= last; month = nextMonth(month)) {
      const of = (kind: string) => kept.filter((e) => e.kind === kind && e.at.startsWith(month)).length;
      months.push({ month, asked: of('asked'), agreed: of('agreed'), met: of('met') });
    }
  }
  const total = (kind: string) => kept.filter((e) => e.kind === kind).length;
  return { months, totals: { asked: total('asked'), agreed: total('agreed'), met: total('met') } };
}

function modelCafes(model: Model, period: DashboardPeriod) {
  const ids = active(model);
  const presences = (cafeId: string) =>
    model.attendance.filter(([c, h, a]) => c === cafeId && a.present && ids.has(h));
  // Held: marked so, or planned (never marked) with someone present (cafe-status.ts countsAsHeld).
  const held = sorted(
    model.cafes.filter(
      (c) =>
        within(period, c.date) &&
        (c.state === 'held' || (c.state === 'planned' && presences(c.id).length > 0)),
    ),
    (c) => `${c.date}/${c.start}/${c.id}`,
  );
  return {
    held: held.map((cafe) => ({
      cafeId: cafe.id,
      date: cafe.date,
      place: cafe.place,
      theme: cafe.theme,
      localTheme: cafe.localTheme,
      marked: cafe.state === 'held',
      present: presences(cafe.id).length,
      scanned: presences(cafe.id).filter(([, , a]) => a.how === 'scanned').length,
      signedUpThere: model.households.filter((h) => !h.erased && h.sessionId === cafe.id).length,
    })),
    presences: held.reduce((sum, cafe) => sum + presences(cafe.id).length, 0),
    attendees: new Set(held.flatMap((cafe) => presences(cafe.id).map(([, h]) => h))).size,
  };
}

function modelProjects(model: Model, period: DashboardPeriod) {
  const ids = active(model);
  const list = model.projects
    .filter(([, p]) => byEnd(period, p.createdAt))
    .map(([key, project]) => ({
      key,
      name: project.name,
      ideaId: project.ideaId,
      members: model.memberships
        .filter(([p, h, m]) => p === key && m.member && ids.has(h))
        .map(([, h]) => h)
        .sort(),
      createdInPeriod: within(period, project.createdAt),
    }));
  return { list: sorted(list, (p) => p.key), participants: new Set(list.flatMap((p) => p.members)).size };
}

describe('dashboard figures', () => {
  it('equal brute-force models on random perimeters and periods', () => {
    fc.assert(
      fc.property(models, periods, (model, period) => {
        const figures = dashboardFigures(dashboardInputOf(model), period);
        expect(figures.period).toEqual(period);
        expect(figures.coverage).toEqual(modelCoverage(model, period));
        expect(figures.themes).toEqual(modelThemes(model, period));
        expect(figures.unmetWants).toEqual(modelOneSided(model, period, 'wants'));
        expect(figures.unwantedOffers).toEqual(modelOneSided(model, period, 'offers'));
        expect(figures.links).toEqual(modelLinks(model, period));
        expect(figures.cafes).toEqual(modelCafes(model, period));
        expect({ ...figures.projects, list: sorted(figures.projects.list, (p) => p.key) }).toEqual(
          modelProjects(model, period),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("'besoins sans réponse' are links.ts perimeterLinks's unmet wants, counted", () => {
    fc.assert(
      fc.property(models, (model) => {
        const input = dashboardInputOf(model);
        const links = perimeterLinks({ ...input.world, lastAnsweredAt: () => undefined, groupThreshold: 2 });
        const fromLinks = links.flatMap((theme) =>
          theme.unmetWants.map((w) => ({
            ideaId: w.ideaId,
            themeId: theme.themeId,
            households: w.seekers.length,
          })),
        );
        expect(dashboardFigures(input).unmetWants).toEqual(fromLinks);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves erased households out of every figure', () => {
    fc.assert(
      fc.property(models, (model) => {
        const erasedAll = { ...model, households: model.households.map((h) => ({ ...h, erased: true })) };
        const figures = dashboardFigures(dashboardInputOf(erasedAll));
        expect(figures.coverage.households).toBe(0);
        expect(figures.coverage.places.every((p) => p.households === 0)).toBe(true);
        expect(figures.themes).toEqual([]);
        expect(figures.unmetWants).toEqual([]);
        expect(figures.links.totals).toEqual({ asked: 0, agreed: 0, met: 0 });
        expect(figures.cafes.presences + figures.cafes.attendees).toBe(0);
        expect(figures.cafes.held.every((c) => c.present === 0 && c.signedUpThere === 0)).toBe(true);
        expect(figures.projects.participants).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the impact report period', () => {
  const model: Model = {
    dwellings: 10,
    households: [
      {
        id: 'house0',
        name: 'A',
        place: PLACES[0]!,
        erased: false,
        joinedDay: 10,
        sessionId: null,
        shareContact: true,
      },
      {
        id: 'house1',
        name: 'B',
        place: PLACES[1]!,
        erased: false,
        joinedDay: 40,
        sessionId: null,
        shareContact: true,
      },
      {
        id: 'house2',
        name: 'C',
        place: PLACES[1]!,
        erased: false,
        joinedDay: 100,
        sessionId: null,
        shareContact: true,
      },
    ],
    answers: [],
    retired: [],
    choices: [
      ['house0/house1/drill', { value: 'yes', at: '2026-01-20T10:00:00.000Z', by: 'household' }],
      ['house1/house0/drill', { value: 'met', at: '2026-03-05T10:00:00.000Z', by: 'household' }],
    ],
    cafes: [],
    attendance: [],
    projects: [],
    memberships: [],
  };

  it('counts sign-ups by the end of the period and those within it; months run bound to bound', () => {
    const march = dashboardFigures(dashboardInputOf(model), { from: '2026-02-01', to: '2026-03-31' });
    expect(march.coverage).toMatchObject({ households: 2, signedUpInPeriod: 1, share: 0.2 });
    expect(march.links.months).toEqual([
      { month: '2026-02', asked: 0, agreed: 0, met: 0 },
      { month: '2026-03', asked: 0, agreed: 1, met: 1 },
    ]);
    // Asked in January: before the period.
    expect(march.links.totals).toEqual({ asked: 0, agreed: 1, met: 1 });
    const all = dashboardFigures(dashboardInputOf(model));
    expect(all.coverage).toMatchObject({ households: 3, signedUpInPeriod: 3 });
    expect(all.links.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(all.links.totals).toEqual({ asked: 1, agreed: 1, met: 1 });
  });

  it('includes both bounds, and a period that ends before it starts holds nothing', () => {
    const oneDay = dashboardFigures(dashboardInputOf(model), { from: '2026-03-05', to: '2026-03-05' });
    expect(oneDay.links.totals).toEqual({ asked: 0, agreed: 1, met: 1 });
    const empty = dashboardFigures(dashboardInputOf(model), { from: '2026-04-01', to: '2026-03-01' });
    expect(empty.links.months).toEqual([]);
    expect(empty.coverage.signedUpInPeriod).toBe(0);
  });

  it('steps months across a year end', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
  });
});
