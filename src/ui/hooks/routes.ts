/**
 * The screens and their addresses. The address lives in `location.hash` so that a reload (or a
 * tablet woken up after a while) comes back to the same screen. Ids are 4+ characters of
 * [a-z0-9-], so `new` can never be a session id.
 */
export type Route =
  | { name: 'home' }
  | { name: 'open-session' }
  | { name: 'session'; sessionId: string }
  | { name: 'signup'; sessionId: string }
  | { name: 'scan'; householdId: string }
  | { name: 'summary'; householdId: string }
  | { name: 'catalogue' }
  | { name: 'not-found' };

const ID = '([a-z0-9][a-z0-9-]{3,63})';

const patterns: [RegExp, (id: string) => Route][] = [
  [/^$/, () => ({ name: 'home' })],
  [/^session\/new$/, () => ({ name: 'open-session' })],
  [new RegExp(`^session/${ID}$`), (sessionId) => ({ name: 'session', sessionId })],
  [new RegExp(`^session/${ID}/signup$`), (sessionId) => ({ name: 'signup', sessionId })],
  [new RegExp(`^scan/${ID}$`), (householdId) => ({ name: 'scan', householdId })],
  [new RegExp(`^summary/${ID}$`), (householdId) => ({ name: 'summary', householdId })],
  [/^catalogue$/, () => ({ name: 'catalogue' })],
];

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').replace(/\/$/, '');
  for (const [pattern, make] of patterns) {
    const match = pattern.exec(path);
    if (match) return make(match[1] ?? '');
  }
  return { name: 'not-found' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
    case 'not-found':
      return '#/';
    case 'open-session':
      return '#/session/new';
    case 'session':
      return `#/session/${route.sessionId}`;
    case 'signup':
      return `#/session/${route.sessionId}/signup`;
    case 'scan':
      return `#/scan/${route.householdId}`;
    case 'summary':
      return `#/summary/${route.householdId}`;
    case 'catalogue':
      return '#/catalogue';
  }
}
