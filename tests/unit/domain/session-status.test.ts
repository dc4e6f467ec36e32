/**
 * A sign-up session's state by the clock (domain/session-status.ts): current on its day and for
 * SESSION_OLD_AFTER_HOURS past its opening, old after that once its day is over, closed once
 * someone closed it; days in Paris's calendar; with fast-check, the state only moves forward.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_OLD_AFTER_HOURS, sessionStatus } from '../../../src/domain/session-status';

const at = (iso: string) => Date.parse(iso);
const session = (date: string, openedAt: string, closedAt: string | null = null) => ({
  date,
  openedAt,
  closedAt,
});

describe('a sign-up session by the clock', () => {
  it('is open on its day, old three years later, closed once closed whatever the clock', () => {
    const s = session('2026-11-28', '2026-11-28T13:58:00.000Z');
    expect(sessionStatus(s, at('2026-11-28T17:00:00.000Z'))).toBe('open');
    expect(sessionStatus(s, at('2029-11-30T08:00:00.000Z'))).toBe('old');
    expect(
      sessionStatus({ ...s, closedAt: '2026-11-28T17:00:00.000Z' }, at('2029-11-30T08:00:00.000Z')),
    ).toBe('closed');
  });

  it('turns old the next morning, not at midnight after an evening aperitif', () => {
    // Opened at 19:00 in Paris (18:00 UTC in winter).
    const s = session('2026-11-28', '2026-11-28T18:00:00.000Z');
    const hour = 3_600_000;
    expect(sessionStatus(s, at('2026-11-28T23:30:00.000Z'))).toBe('open'); // 00:30 in Paris
    expect(sessionStatus(s, at(s.openedAt) + SESSION_OLD_AFTER_HOURS * hour - 1)).toBe('open');
    expect(sessionStatus(s, at(s.openedAt) + SESSION_OLD_AFTER_HOURS * hour)).toBe('old');
  });

  it('reads the day in Paris: 23:30 UTC in summer is already the next day there', () => {
    const s = session('2026-06-10', '2026-06-10T08:00:00.000Z');
    expect(sessionStatus(s, at('2026-06-10T21:30:00.000Z'))).toBe('open'); // 23:30 in Paris
    expect(sessionStatus(s, at('2026-06-10T22:30:00.000Z'))).toBe('old'); // 00:30 on the 11th
  });

  it('stays open until its date when opened ahead of it, and when the device clock is behind', () => {
    const s = session('2026-12-05', '2026-12-01T10:00:00.000Z');
    expect(sessionStatus(s, at('2026-12-05T20:00:00.000Z'))).toBe('open');
    expect(sessionStatus(s, at('2026-12-06T08:00:00.000Z'))).toBe('old');
    expect(sessionStatus(s, at('2020-01-01T00:00:00.000Z'))).toBe('open');
  });

  it('only moves forward as time passes: open, then old, never back', () => {
    const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z') });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 3 }), instant, instant, (opened, ahead, t1, t2) => {
        const openedAt = new Date(opened).toISOString();
        const date = new Date(opened + ahead * 86_400_000).toISOString().slice(0, 10);
        const s = session(date, openedAt);
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        if (sessionStatus(s, early) === 'old') expect(sessionStatus(s, late)).toBe('old');
        if (late - opened < SESSION_OLD_AFTER_HOURS * 3_600_000) expect(sessionStatus(s, late)).toBe('open');
        if (late - opened > (ahead + 2) * 86_400_000) expect(sessionStatus(s, late)).toBe('old');
      }),
    );
  });
});
