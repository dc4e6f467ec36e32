/**
 * The screens and their addresses. The address lives in `location.hash` so that a reload (or a
 * tablet woken up after a while) comes back to the same screen. Ids are 4+ characters of
 * [a-z0-9-], so `new` can never be a session id.
 *
 * The join addresses are printed or encoded in QR codes outside the app (`#/join/<code>` by the
 * admin tool, `#/rejoindre/<token>` by a facilitator's tablet): they must never change.
 */
export type Route =
  | { name: 'home' }
  | { name: 'open-session' }
  | { name: 'session'; sessionId: string }
  | { name: 'signup'; sessionId: string; draftId?: string }
  | { name: 'scan'; householdId: string; focus?: ScanFocus }
  | {
      name: 'summary';
      householdId: string;
      /** The café whose re-scan ended here: the summary offers « Retour au café ». */
      cafeId?: string;
    }
  | { name: 'neighbours'; householdId: string }
  | { name: 'neighbour-sheet'; householdId: string }
  | { name: 'perimeter-links' }
  | { name: 'cafes' }
  | { name: 'cafe-plan' }
  | { name: 'cafe'; cafeId: string }
  | { name: 'cafe-print'; cafeId: string; kind: 'poster' | 'slips' }
  | { name: 'cafe-signup'; cafeId: string }
  | { name: 'my-cafe'; householdId: string }
  | { name: 'catalogue' }
  | { name: 'dashboard' }
  | { name: 'impact-report'; from: string; to: string }
  | { name: 'household-access'; householdId: string }
  | { name: 'own-data'; householdId: string }
  | { name: 'retention' }
  | { name: 'goodbye' }
  | { name: 'device' }
  | { name: 'join-household'; code: string }
  | { name: 'join-facilitator'; code: string }
  | { name: 'enter-code' }
  | { name: 'not-found' };

/**
 * A scan opened from the summary for one idea (to change one answer) or one theme (to see it, or
 * see it again): it covers that part only, then returns to the summary, and leaves the household's
 * place in the whole scan where it was.
 */
export interface ScanFocus {
  kind: 'idea' | 'theme';
  id: string;
  /**
   * The café whose board started this re-scan (« Refaire le thème »): the summary it ends on
   * offers « Retour au café » (the tablet had no way back).
   */
  cafeId?: string;
}

/** The routes that work with no perimeter on the device: they are how a device gets one. */
export type JoinRoute = Extract<Route, { name: 'join-household' | 'join-facilitator' | 'enter-code' }>;

export const isJoinRoute = (route: Route): route is JoinRoute =>
  route.name === 'join-household' || route.name === 'join-facilitator' || route.name === 'enter-code';

const ID = '([a-z0-9][a-z0-9-]{3,63})';

const THEME = '([a-z0-9][a-z0-9-]{1,63})';

const patterns: [RegExp, (param: string, second: string, third: string) => Route][] = [
  [/^$/, () => ({ name: 'home' })],
  [/^session\/new$/, () => ({ name: 'open-session' })],
  [new RegExp(`^session/${ID}$`), (sessionId) => ({ name: 'session', sessionId })],
  [new RegExp(`^session/${ID}/signup$`), (sessionId) => ({ name: 'signup', sessionId })],
  [
    new RegExp(`^session/${ID}/signup/${ID}$`),
    (sessionId, draftId) => ({ name: 'signup', sessionId, draftId }),
  ],
  [new RegExp(`^scan/${ID}$`), (householdId) => ({ name: 'scan', householdId })],
  [
    new RegExp(`^scan/${ID}/idee/${ID}$`),
    (householdId, id) => ({ name: 'scan', householdId, focus: { kind: 'idea', id } }),
  ],
  [
    new RegExp(`^scan/${ID}/theme/${THEME}$`),
    (householdId, id) => ({ name: 'scan', householdId, focus: { kind: 'theme', id } }),
  ],
  [
    new RegExp(`^scan/${ID}/theme/${THEME}/cafe/${ID}$`),
    (householdId, id, cafeId) => ({ name: 'scan', householdId, focus: { kind: 'theme', id, cafeId } }),
  ],
  [
    new RegExp(`^scan/${ID}/idee/${ID}/cafe/${ID}$`),
    (householdId, id, cafeId) => ({ name: 'scan', householdId, focus: { kind: 'idea', id, cafeId } }),
  ],
  [new RegExp(`^summary/${ID}$`), (householdId) => ({ name: 'summary', householdId })],
  [
    new RegExp(`^summary/${ID}/cafe/${ID}$`),
    (householdId, cafeId) => ({ name: 'summary', householdId, cafeId }),
  ],
  [new RegExp(`^voisins/${ID}$`), (householdId) => ({ name: 'neighbours', householdId })],
  [new RegExp(`^voisins/${ID}/fiche$`), (householdId) => ({ name: 'neighbour-sheet', householdId })],
  [/^liens$/, () => ({ name: 'perimeter-links' })],
  [/^cafes$/, () => ({ name: 'cafes' })],
  [/^cafes\/prevoir$/, () => ({ name: 'cafe-plan' })],
  [new RegExp(`^cafe/${ID}$`), (cafeId) => ({ name: 'cafe', cafeId })],
  [new RegExp(`^cafe/${ID}/affiche$`), (cafeId) => ({ name: 'cafe-print', cafeId, kind: 'poster' })],
  [new RegExp(`^cafe/${ID}/invitations$`), (cafeId) => ({ name: 'cafe-print', cafeId, kind: 'slips' })],
  [new RegExp(`^cafe/${ID}/inscription$`), (cafeId) => ({ name: 'cafe-signup', cafeId })],
  [new RegExp(`^mon-cafe/${ID}$`), (householdId) => ({ name: 'my-cafe', householdId })],
  [/^catalogue$/, () => ({ name: 'catalogue' })],
  [/^tableau-de-bord$/, () => ({ name: 'dashboard' })],
  // Up to two segments, any text: the report reads them (domain/report-period.ts) and says what
  // is wrong, rather than "page not found".
  [/^rapport(?:\/([^/]*))?(?:\/([^/]*))?$/, (from, to) => ({ name: 'impact-report', from, to })],
  [new RegExp(`^acces/${ID}$`), (householdId) => ({ name: 'household-access', householdId })],
  [new RegExp(`^informations/${ID}$`), (householdId) => ({ name: 'own-data', householdId })],
  [/^conservation$/, () => ({ name: 'retention' })],
  [/^au-revoir$/, () => ({ name: 'goodbye' })],
  [/^appareil$/, () => ({ name: 'device' })],
  [/^rejoindre\/([^/]+)$/, (code) => ({ name: 'join-household', code })],
  [/^join\/([^/]+)$/, (code) => ({ name: 'join-facilitator', code })],
  [/^code$/, () => ({ name: 'enter-code' })],
];

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').replace(/\/$/, '');
  for (const [pattern, make] of patterns) {
    const match = pattern.exec(path);
    if (match) return make(match[1] ?? '', match[2] ?? '', match[3] ?? '');
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
      return `#/session/${route.sessionId}/signup${route.draftId ? `/${route.draftId}` : ''}`;
    case 'scan':
      if (!route.focus) return `#/scan/${route.householdId}`;
      return `#/scan/${route.householdId}/${route.focus.kind === 'idea' ? 'idee' : 'theme'}/${route.focus.id}${route.focus.cafeId ? `/cafe/${route.focus.cafeId}` : ''}`;
    case 'summary':
      return `#/summary/${route.householdId}${route.cafeId ? `/cafe/${route.cafeId}` : ''}`;
    case 'neighbours':
      return `#/voisins/${route.householdId}`;
    case 'neighbour-sheet':
      return `#/voisins/${route.householdId}/fiche`;
    case 'perimeter-links':
      return '#/liens';
    case 'cafes':
      return '#/cafes';
    case 'cafe-plan':
      return '#/cafes/prevoir';
    case 'cafe':
      return `#/cafe/${route.cafeId}`;
    case 'cafe-print':
      return `#/cafe/${route.cafeId}/${route.kind === 'poster' ? 'affiche' : 'invitations'}`;
    case 'cafe-signup':
      return `#/cafe/${route.cafeId}/inscription`;
    case 'my-cafe':
      return `#/mon-cafe/${route.householdId}`;
    case 'catalogue':
      return '#/catalogue';
    case 'dashboard':
      return '#/tableau-de-bord';
    case 'impact-report':
      return `#/rapport/${route.from}/${route.to}`;
    case 'household-access':
      return `#/acces/${route.householdId}`;
    case 'own-data':
      return `#/informations/${route.householdId}`;
    case 'retention':
      return '#/conservation';
    case 'goodbye':
      return '#/au-revoir';
    case 'device':
      return '#/appareil';
    case 'join-household':
      return `#/rejoindre/${route.code}`;
    case 'join-facilitator':
      return `#/join/${route.code}`;
    case 'enter-code':
      return '#/code';
  }
}
