/**
 * A re-scan started from a café's board carries the café to the summary it ends on, whose
 * « Retour au café » leads back (ui/hooks/routes.ts): the addresses read back as written, and the
 * addresses without a café are unchanged.
 */
import { describe, expect, it } from 'vitest';
import { type Route, href, parseHash } from '../../../src/ui/hooks/routes';

const household = 'h-anna';
const cafe = 'cafe-1234';

describe('a re-scan from a café keeps the café in its address', () => {
  it.each<Route>([
    { name: 'scan', householdId: household, focus: { kind: 'theme', id: 'objets', cafeId: cafe } },
    { name: 'scan', householdId: household, focus: { kind: 'idea', id: 'idee-1', cafeId: cafe } },
    { name: 'summary', householdId: household, cafeId: cafe },
  ])('reads back $name as written', (route) => {
    expect(parseHash(href(route))).toEqual(route);
  });

  it('leaves the addresses without a café as they were', () => {
    expect(href({ name: 'scan', householdId: household, focus: { kind: 'theme', id: 'objets' } })).toBe(
      `#/scan/${household}/theme/objets`,
    );
    expect(href({ name: 'summary', householdId: household })).toBe(`#/summary/${household}`);
    expect(parseHash(`#/summary/${household}`)).toEqual({ name: 'summary', householdId: household });
  });
});
