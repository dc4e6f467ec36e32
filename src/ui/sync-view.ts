/**
 * What the sync indicator says, from the device's sync state. What must stay true: the words
 * "enregistré sur le serveur" appear only when the server confirmed it stored everything this
 * device has (`waiting === 0` with a `storedAt`); nothing else ever claims that data is safe there.
 */
import { formatClock, formatMoment, t, tp } from '../i18n';
import type { SyncStatus } from './services';

export type SyncKind =
  | 'local'
  | 'unauthorized'
  | 'revoked'
  | 'recovering'
  | 'app-outdated'
  | 'offline-waiting'
  | 'sending'
  | 'stored'
  | 'offline-stored'
  | 'connecting'
  | 'offline';

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

export function syncView(state: SyncStatus, now: Date = new Date()): SyncView {
  const view = (kind: SyncKind, icon: string, text: string, short = text, problem = false): SyncView => ({
    kind,
    icon,
    text,
    short,
    problem,
  });
  if (state.problem === 'revoked') {
    return view('revoked', '⛔', t('sync.revoked'), t('sync.revoked.short'), true);
  }
  if (state.problem === 'unauthorized') {
    return view('unauthorized', '⏳', t('sync.unauthorized'), t('sync.unauthorized.short'), true);
  }
  if (state.problem === 'app-outdated') {
    return view('app-outdated', '⬆️', t('sync.app-outdated'), t('sync.app-outdated.short'), true);
  }
  if (state.problem === 'recovering') return view('recovering', '🔄', t('sync.recovering'));
  if (state.mode === 'local') return view('local', '📱', t('sync.local'), t('sync.local.short'));

  const online = state.connection === 'online';
  if (state.waiting > 0) {
    return online
      ? view('sending', '🔄', t('sync.sending'))
      : view(
          'offline-waiting',
          '📴',
          tp('sync.offline-waiting', state.waiting),
          tp('sync.offline-waiting.short', state.waiting),
        );
  }
  if (state.storedAt) {
    const when = formatMoment(state.storedAt, now);
    return online
      ? view(
          'stored',
          '✅',
          t('sync.stored', { when }),
          t('sync.stored.short', { time: formatClock(state.storedAt) }),
        )
      : view('offline-stored', '📴', t('sync.offline-stored', { when }), t('sync.offline'));
  }
  return state.connection === 'offline'
    ? view('offline', '📴', t('sync.offline'))
    : view('connecting', '🔌', t('sync.connecting'));
}
