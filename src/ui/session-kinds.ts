import type { SessionKind } from '../domain/schemas';

/** Pictures next to the words, never instead of them. */
export const SESSION_KIND_ICONS: Record<SessionKind, string> = {
  cafe: '☕️',
  gouter: '🍰',
  aperitif: '🥂',
};
