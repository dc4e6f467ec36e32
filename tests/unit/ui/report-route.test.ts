/**
 * The impact report's address (ui/hooks/routes.ts): any text in its two segments reaches the
 * report, which reads it with domain/report-period.ts `parsePeriod` and says what is wrong, so a
 * bad period is never "page not found" nor a page of zeros.
 */
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/domain/report-period';
import { href, parseHash } from '../../../src/ui/hooks/routes';

describe('the impact report’s address', () => {
  it('reads back the address the dashboard makes', () => {
    const route = { name: 'impact-report', from: '2025-12-01', to: '2026-11-30' } as const;
    expect(parseHash(href(route))).toEqual(route);
  });

  it('hands any one or two segments to the report, which refuses them with its reasons', () => {
    for (const [hash, from, to] of [
      ['#/rapport/2026-02-30/2026-03-01', '2026-02-30', '2026-03-01'],
      ['#/rapport/abc/def', 'abc', 'def'],
      ['#/rapport/2026-01-01', '2026-01-01', ''],
      ['#/rapport//', '', ''],
      ['#/rapport', '', ''],
    ] as const) {
      expect(parseHash(hash), hash).toEqual({ name: 'impact-report', from, to });
      expect(parsePeriod(from, to).ok, hash).toBe(false);
    }
    expect(parseHash('#/rapport/a/b/c')).toEqual({ name: 'not-found' });
  });
});
