/**
 * The perimeter's calendar day of a timestamp (domain/perimeter-day.ts): Paris's date in winter
 * and summer, around the clock changes, and equal to Intl's for any instant of the century.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perimeterDay } from '../../../src/domain/perimeter-day';

describe('perimeterDay', () => {
  it('puts a timestamp on its Paris calendar day, winter and summer, around the clock changes', () => {
    expect(perimeterDay('2025-12-31T23:30:00.000Z')).toBe('2026-01-01');
    expect(perimeterDay('2025-12-31T22:59:59.999Z')).toBe('2025-12-31');
    expect(perimeterDay('2026-07-01T21:59:59.000Z')).toBe('2026-07-01');
    expect(perimeterDay('2026-07-01T22:00:00.000Z')).toBe('2026-07-02');
    // 29 March 2026, clocks go forward at 01:00 UTC; 25 October, back at 01:00 UTC.
    expect(perimeterDay('2026-03-28T23:00:00.000Z')).toBe('2026-03-29');
    expect(perimeterDay('2026-10-24T22:00:00.000Z')).toBe('2026-10-25');
    expect(perimeterDay('2026-10-25T22:59:00.000Z')).toBe('2026-10-25');
    expect(perimeterDay('2026-10-25T23:00:00.000Z')).toBe('2026-10-26');
    expect(perimeterDay('2026-11-30')).toBe('2026-11-30');
    expect(perimeterDay('2026-01-01T00:30:00+01:00')).toBe('2026-01-01');
  });

  it('equals Intl’s Paris date for any instant (fast-check)', () => {
    const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (at) => {
        expect(perimeterDay(new Date(at).toISOString())).toBe(paris.format(at));
      }),
    );
    // The late UTC hours, where the day may change, on every kind of day of the century.
    const HOUR = 3_600_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 36_524 }),
        fc.integer({ min: 21 * HOUR, max: 24 * HOUR - 1 }),
        (day, time) => {
          const at = Date.UTC(2000, 0, 1) + day * 24 * HOUR + time;
          expect(perimeterDay(new Date(at).toISOString())).toBe(paris.format(at));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
