/**
 * The rights screens' addresses (src/ui/hooks/routes.ts): each one read back from its own `href`,
 * and a household id that is not one is not found.
 */
import { describe, expect, it } from 'vitest';
import { type Route, href, parseHash } from '../../../src/ui/hooks/routes';

describe('the rights screens’ addresses', () => {
  it('read back from their href', () => {
    const routes: Route[] = [
      { name: 'own-data', householdId: 'id000012' },
      { name: 'retention' },
      { name: 'goodbye' },
    ];
    for (const route of routes) expect(parseHash(href(route))).toEqual(route);
    expect(href({ name: 'own-data', householdId: 'id000012' })).toBe('#/informations/id000012');
    expect(href({ name: 'retention' })).toBe('#/conservation');
    expect(href({ name: 'goodbye' })).toBe('#/au-revoir');
  });

  it('an id that is not one is not found', () => {
    expect(parseHash('#/informations/A!')).toEqual({ name: 'not-found' });
  });
});
