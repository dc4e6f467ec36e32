/**
 * What the sync indicator says, from the device's sync state. What must stay true:
 * - the words "enregistré en ligne" appear only when the server confirmed it stored everything this
 *   device has (`waiting === 0` with a `storedAt`); nothing else ever claims that data is safe there;
 * - "no network on this device", "the server does not answer" and "refused" are never said with
 *   the same words: each asks something different of the person (find a network, wait or tell the
 *   association, ask for a new code).
 */
import { formatClock, formatMoment, t, tp } from '../i18n';
import type { SyncStatus } from './services';

/** Where the device stands when it is not talking with the server: each has its own words. */
export type Away = 'no-network' | 'unreachable';

export type SyncKind =
  | 'local'
  | 'unauthorized'
  | 'revoked'
  | 'recovering'
  | 'app-outdated'
  | 'sending'
  | 'stored'
  | 'connecting'
  | Away
  | `${Away}-waiting`
  | `${Away}-stored`;

export interface SyncView {
  kind: SyncKind;
  /** A picture next to the words, never instead of them. */
  icon: string;
  /** The full sentence, said to screen readers and shown wherever there is room. */
  text: string;
  /** A few words for the scan screen's header on a phone. */
  short: string;
  /** Something the person may have to act on: shown more visibly. */
  problem: boolean;
}

const AWAY_ICON: Record<Away, string> = { 'no-network': '📵', unreachable: '📡' };

export function syncView(state: SyncStatus, now: Date = new Date()): SyncView {
  const view = (kind: SyncKind, icon: string, text: string, short = text, problem = false): SyncView => ({
    kind,
    icon,
    text,
    short,
    problem,
  });
  // Refusals first: whatever the network does, nothing goes through until a person acts.
  // An erased household's phone forgets the perimeter at once; until then, as a revoked access.
  if (state.problem === 'revoked' || state.problem === 'erased') {
    return view('revoked', '⛔', t('sync.revoked'), t('sync.revoked.short'), true);
  }
  if (state.problem === 'unauthorized') {
    return view('unauthorized', '⛔', t('sync.unauthorized'), t('sync.unauthorized.short'), true);
  }
  if (state.problem === 'app-outdated') {
    return view('app-outdated', '⬆️', t('sync.app-outdated'), t('sync.app-outdated.short'), true);
  }
  if (state.problem === 'recovering') {
    return view('recovering', '🔄', t('sync.recovering'), t('sync.recovering.short'));
  }
  if (state.mode === 'local') return view('local', '📱', t('sync.local'), t('sync.local.short'));

  const { connection } = state;
  if (connection === 'online') {
    if (state.waiting > 0) return view('sending', '🔄', t('sync.sending'));
    if (state.storedAt) {
      return view(
        'stored',
        '✅',
        t('sync.stored', { when: formatMoment(state.storedAt, now) }),
        t('sync.stored.short', { time: formatClock(state.storedAt) }),
      );
    }
    return view('connecting', '🔌', t('sync.connecting'));
  }
  if (connection === 'connecting' || connection === 'idle') {
    return state.waiting > 0
      ? view('connecting', '🔌', tp('sync.connecting.waiting', state.waiting), t('sync.connecting'))
      : view('connecting', '🔌', t('sync.connecting'));
  }
  const away: Away = connection;
  const icon = AWAY_ICON[away];
  if (state.waiting > 0) {
    return view(
      `${away}-waiting`,
      icon,
      tp(`sync.${away}.waiting`, state.waiting),
      tp(`sync.${away}.waiting.short`, state.waiting),
    );
  }
  if (state.storedAt) {
    return view(
      `${away}-stored`,
      icon,
      t(`sync.${away}.stored`, { when: formatMoment(state.storedAt, now) }),
      t(`sync.${away}.short`),
    );
  }
  return view(away, icon, t(`sync.${away}`), t(`sync.${away}.short`));
}
