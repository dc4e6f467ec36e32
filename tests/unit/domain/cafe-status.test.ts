/**
 * A café's state by the clock (domain/cafe-status.ts): the start and end minutes, midnight, the
 * two days a year the clocks change in Paris, and, with fast-check, the wall time of any instant
 * against the EU's summer-time rule written out by hand (Directive 2000/84/EC: from the last
 * Sunday of March to the last Sunday of October, both at 01:00 UTC).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAFE_STATUSES,
  cafeInstants,
  cafeStatus,
  countsAsHeld,
  wallTime,
  zonedInstant,
} from '../../../src/domain/cafe-status';

const at = (iso: string) => Date.parse(iso);
const cafe = (
  date: string,
  start: string,
  end: string,
  state: 'planned' | 'held' | 'cancelled' = 'planned',
) => ({
  state,
  date,
  start,
  end,
});

/** The last Sunday of `month` (1-12) of `year`, at 01:00 UTC: when the EU's clocks change. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Paris's offset from UTC at `instant`, in ms, by the EU rule (the model). */
function parisOffset(instant: number): number {
  const year = new Date(instant).getUTCFullYear();
  const summer = instant >= lastSundayAt1Utc(year, 3) && instant < lastSundayAt1Utc(year, 10);
  return (summer ? 2 : 1) * 3_600_000;
}

const modelWall = (instant: number) => new Date(instant + parisOffset(instant)).toISOString().slice(0, 16);

describe('cafeStatus', () => {
  // 5 December 2026: winter time, Paris is UTC+1.
  const december = cafe('2026-12-05', '15:00', '17:30');

  it('is planned until the start minute, in progress from it, over ("to-close") from the end minute', () => {
    expect(cafeStatus(december, at('2026-12-05T13:59:59.999Z'))).toBe('planned');
    expect(cafeStatus(december, at('2026-12-05T14:00:00.000Z'))).toBe('in-progress');
    expect(cafeStatus(december, at('2026-12-05T16:29:59.999Z'))).toBe('in-progress');
    expect(cafeStatus(december, at('2026-12-05T16:30:00.000Z'))).toBe('to-close');
    expect(cafeStatus(december, at('2027-03-01T00:00:00.000Z'))).toBe('to-close');
  });

  it('keeps the recorded held and cancelled whatever the clock says', () => {
    for (const now of [at('2026-01-01T00:00Z'), at('2026-12-05T15:00Z'), at('2030-01-01T00:00Z')]) {
      expect(cafeStatus({ ...december, state: 'held' }, now)).toBe('held');
      expect(cafeStatus({ ...december, state: 'cancelled' }, now)).toBe('cancelled');
    }
  });

  it('reads times in Paris whatever time zone the device is in (summer: UTC+2)', () => {
    const june = cafe('2026-06-20', '18:00', '20:00');
    expect(cafeStatus(june, at('2026-06-20T15:59Z'))).toBe('planned');
    expect(cafeStatus(june, at('2026-06-20T16:00Z'))).toBe('in-progress');
    expect(cafeStatus(june, at('2026-06-20T18:00Z'))).toBe('to-close');
  });

  it('turns over at midnight: a café until 23:59 is over at 23:59, one from 00:00 starts then', () => {
    const late = cafe('2026-12-31', '21:00', '23:59');
    expect(cafeStatus(late, at('2026-12-31T22:58:59Z'))).toBe('in-progress');
    expect(cafeStatus(late, at('2026-12-31T22:59:00Z'))).toBe('to-close');
    const early = cafe('2027-01-01', '00:00', '02:00');
    expect(cafeStatus(early, at('2026-12-31T22:59:59Z'))).toBe('planned');
    // Midnight in Paris is 23:00 UTC the day before in winter.
    expect(cafeStatus(early, at('2026-12-31T23:00:00Z'))).toBe('in-progress');
    expect(wallTime(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01T00:00');
  });

  it('on the spring change (29 March 2026, 02:00 → 03:00), a time skipped is read after the change', () => {
    // 02:30 does not exist that night: read as 03:30 summer time (01:30 UTC).
    expect(zonedInstant('2026-03-29', '02:30')).toBe(at('2026-03-29T01:30Z'));
    expect(zonedInstant('2026-03-29', '01:59')).toBe(at('2026-03-29T00:59Z'));
    expect(zonedInstant('2026-03-29', '03:00')).toBe(at('2026-03-29T01:00Z'));
    const night = cafe('2026-03-29', '01:30', '03:30');
    expect(cafeInstants(night)).toEqual({ start: at('2026-03-29T00:30Z'), end: at('2026-03-29T01:30Z') });
    expect(cafeStatus(night, at('2026-03-29T00:59Z'))).toBe('in-progress');
    expect(cafeStatus(night, at('2026-03-29T01:00Z'))).toBe('in-progress');
    expect(cafeStatus(night, at('2026-03-29T01:30Z'))).toBe('to-close');
    // The afternoon café of that Sunday is in summer time already.
    expect(cafeStatus(cafe('2026-03-29', '15:00', '17:00'), at('2026-03-29T13:00Z'))).toBe('in-progress');
    expect(cafeStatus(cafe('2026-03-29', '15:00', '17:00'), at('2026-03-29T12:59Z'))).toBe('planned');
  });

  it('on the autumn change (25 October 2026, 03:00 → 02:00), a time seen twice is its first', () => {
    expect(zonedInstant('2026-10-25', '02:30')).toBe(at('2026-10-25T00:30Z'));
    expect(zonedInstant('2026-10-25', '03:00')).toBe(at('2026-10-25T02:00Z'));
    const night = cafe('2026-10-25', '02:00', '02:45');
    expect(cafeStatus(night, at('2026-10-24T23:59Z'))).toBe('planned');
    expect(cafeStatus(night, at('2026-10-25T00:00Z'))).toBe('in-progress');
    expect(cafeStatus(night, at('2026-10-25T00:45Z'))).toBe('to-close');
    // 02:15 again, in winter time: the café stays over, it does not start again.
    expect(wallTime(at('2026-10-25T01:15Z'))).toBe('2026-10-25T02:15');
    expect(cafeStatus(night, at('2026-10-25T01:15Z'))).toBe('to-close');
    expect(cafeStatus(cafe('2026-10-25', '15:00', '17:00'), at('2026-10-25T14:00Z'))).toBe('in-progress');
    expect(cafeStatus(cafe('2026-10-25', '15:00', '17:00'), at('2026-10-25T16:00Z'))).toBe('to-close');
  });

  it('reads the wall time of any instant as the EU summer-time rule gives it', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2024-01-01T00:00Z'), max: at('2031-12-31T00:00Z') }), (instant) => {
        expect(wallTime(instant)).toBe(modelWall(instant));
      }),
      { numRuns: 2000 },
    );
  });

  const days = fc
    .integer({ min: 0, max: 8 * 366 })
    .map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const times = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

  it('equals a comparison of wall times away from the change nights, and only moves forward', () => {
    const order = (status: string) => CAFE_STATUSES.indexOf(status as (typeof CAFE_STATUSES)[number]);
    fc.assert(
      fc.property(
        days,
        times,
        times,
        fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        (date, a, b, offset, step) => {
          fc.pre(a !== b);
          const [start, end] = a < b ? [a, b] : [b, a];
          const planned = cafe(date, start, end);
          const now = zonedInstant(date, start) + offset;
          const status = cafeStatus(planned, now);
          // Monotone: later never goes back to an earlier state, even across a change night.
          expect(order(cafeStatus(planned, now + step))).toBeGreaterThanOrEqual(order(status));
          const wall = modelWall(now);
          const changeNight = [0, 1].some((d) => {
            const year = Number(date.slice(0, 4));
            return [3, 10].some(
              (month) =>
                Math.abs(lastSundayAt1Utc(year, month) - (Date.parse(`${date}T00:00Z`) + d * 86_400_000)) <
                86_400_000,
            );
          });
          if (changeNight) return;
          const expected =
            wall < `${date}T${start}` ? 'planned' : wall < `${date}T${end}` ? 'in-progress' : 'to-close';
          expect(status).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('countsAsHeld', () => {
  it('counts a café marked held, or planned with someone present; never a cancelled one', () => {
    expect(countsAsHeld({ state: 'held' }, 0)).toBe(true);
    expect(countsAsHeld({ state: 'held' }, 3)).toBe(true);
    expect(countsAsHeld({ state: 'planned' }, 1)).toBe(true);
    expect(countsAsHeld({ state: 'planned' }, 0)).toBe(false);
    expect(countsAsHeld({ state: 'cancelled' }, 5)).toBe(false);
  });
});
