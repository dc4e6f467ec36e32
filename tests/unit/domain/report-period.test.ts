/**
 * The report's period (domain/report-period.ts): what `parsePeriod` accepts and why it refuses
 * (reversed, impossible days, the leap day, the years' bounds, text), a fast-check round trip
 * from numbers to text and back, and what `periodActivity` says of a period's figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboardFigures, inPeriod } from '../../../src/domain/dashboard';
import {
  type CalendarDay,
  PERIOD_MAX_MONTHS,
  PERIOD_YEARS,
  daysInMonth,
  formatDay,
  parseDay,
  parsePeriod,
  periodActivity,
} from '../../../src/domain/report-period';
import { dashboardInputOf, day, models } from './perimeter-model';

/** Any day the parser accepts, built from numbers (not from a Date: no time zone in the way). */
const days: fc.Arbitrary<CalendarDay> = fc
  .record({
    year: fc.integer({ min: PERIOD_YEARS.first, max: PERIOD_YEARS.last }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map((d) => ({ ...d, day: Math.min(d.day, daysInMonth(d.year, d.month)) }));

const months = (a: CalendarDay, b: CalendarDay) => (b.year - a.year) * 12 + (b.month - a.month) + 1;

describe('parsePeriod', () => {
  it('accepts two days in order, both included, a single day too', () => {
    expect(parsePeriod('2025-12-01', '2026-11-30')).toEqual({
      ok: true,
      period: { from: '2025-12-01', to: '2026-11-30' },
    });
    expect(parsePeriod('2026-11-30', '2026-11-30')).toEqual({
      ok: true,
      period: { from: '2026-11-30', to: '2026-11-30' },
    });
  });

  it('refuses a reversed period, as the whole’s problem', () => {
    expect(parsePeriod('2026-11-30', '2026-11-29')).toEqual({
      ok: false,
      problems: [{ bound: 'both', problem: 'reversed' }],
    });
    expect(parsePeriod('2027-01-01', '2026-12-31')).toMatchObject({ ok: false });
  });

  it('refuses days that do not exist, and knows the leap years', () => {
    for (const day of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])
      expect(parseDay(day), day).toBe('impossible');
    expect(parseDay('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    // 2000 is a leap year (divisible by 400); 2100 is not, and is out of range anyway.
    expect(parseDay('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parsePeriod('2027-02-29', '2027-03-01')).toEqual({
      ok: false,
      problems: [{ bound: 'from', problem: 'impossible' }],
    });
  });

  it('refuses years outside the bounds (0001, 9999), keeps the bounds themselves', () => {
    expect(parseDay('0001-01-01')).toBe('out-of-range');
    expect(parseDay('9999-12-31')).toBe('out-of-range');
    expect(parseDay(`${PERIOD_YEARS.first - 1}-12-31`)).toBe('out-of-range');
    expect(parseDay(`${PERIOD_YEARS.last + 1}-01-01`)).toBe('out-of-range');
    expect(parseDay(`${PERIOD_YEARS.first}-01-01`)).toEqual({ year: PERIOD_YEARS.first, month: 1, day: 1 });
    expect(parseDay(`${PERIOD_YEARS.last}-12-31`)).toEqual({ year: PERIOD_YEARS.last, month: 12, day: 31 });
  });

  it('refuses empty and malformed text, each bound for itself', () => {
    expect(parsePeriod('', 'abc')).toEqual({
      ok: false,
      problems: [
        { bound: 'from', problem: 'missing' },
        { bound: 'to', problem: 'malformed' },
      ],
    });
    for (const text of [
      '2026-1-01',
      '26-01-01',
      '2026/01/01',
      ' 2026-01-01',
      '2026-01-01T00:00',
      '+02026-01-01',
      '２０２６-01-01',
    ])
      expect(parseDay(text), text).toBe('malformed');
  });

  it(`refuses a period of more than ${PERIOD_MAX_MONTHS} calendar months`, () => {
    expect(parsePeriod('2020-01-01', '2029-12-31')).toMatchObject({ ok: true });
    expect(parsePeriod('2020-01-01', '2030-01-01')).toEqual({
      ok: false,
      problems: [{ bound: 'both', problem: 'too-long' }],
    });
  });

  it('reads back every day it formats, and orders periods as their days (fast-check)', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(parseDay(formatDay(day))).toEqual(day);
      }),
    );
    fc.assert(
      fc.property(days, days, (a, b) => {
        const [from, to] = [formatDay(a), formatDay(b)];
        const parsed = parsePeriod(from, to);
        const reversed = b.year * 10000 + b.month * 100 + b.day < a.year * 10000 + a.month * 100 + a.day;
        if (reversed)
          expect(parsed).toEqual({ ok: false, problems: [{ bound: 'both', problem: 'reversed' }] });
        else if (months(a, b) > PERIOD_MAX_MONTHS) expect(parsed).toMatchObject({ ok: false });
        else expect(parsed).toEqual({ ok: true, period: { from, to } });
      }),
    );
  });

  it('never throws, whatever the text (fast-check)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (from, to) => {
        const parsed = parsePeriod(from, to);
        // Accepted, or refused with a reason: never refused in silence.
        expect(parsed.ok || parsed.problems.length > 0).toBe(true);
      }),
    );
  });
});

describe('periodActivity', () => {
  it('says future, before, quiet or active from the period’s figures', () => {
    fc.assert(
      // Days around the model's year (2026, perimeter-model.ts `day`), the ends before and after it.
      fc.property(
        models,
        fc.integer({ min: -30, max: 400 }),
        fc.integer({ min: 0, max: 60 }),
        (model, start, length) => {
          const period = { from: day(start), to: day(start + length) };
          const { from } = period;
          const figures = dashboardFigures(dashboardInputOf(model), period);
          // The model's records are all in the first 200 days of 2026.
          const today = day(200);
          const activity = periodActivity(period, figures, today);
          const happened =
            figures.coverage.signedUpInPeriod +
              figures.links.totals.asked +
              figures.links.totals.agreed +
              figures.links.totals.met +
              figures.cafes.held.length +
              figures.projects.list.filter((p) => p.createdInPeriod).length >
            0;
          if (from > today) expect(activity).toBe('future');
          else if (figures.coverage.households === 0) expect(activity).toBe('before');
          else expect(activity).toBe(happened ? 'active' : 'quiet');
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('the period’s days are the perimeter’s (Europe/Paris)', () => {
  it('keeps a New Year’s Eve sign-up at 00:30 in Paris in the new year, both bounds included', () => {
    const at = '2025-12-31T23:30:00.000Z';
    expect(inPeriod({ from: '2026-01-01', to: '2026-01-01' }, at)).toBe(true);
    expect(inPeriod({ from: '2025-12-01', to: '2025-12-31' }, at)).toBe(false);
  });
});
