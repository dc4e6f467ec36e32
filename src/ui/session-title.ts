import type { Session } from '../domain/schemas';
import { formatDate, sessionKindLabel, t } from '../i18n';

/** "Café du mardi 3 juin": how a session is named everywhere. */
export const sessionTitle = (session: Pick<Session, 'kind' | 'date'>): string =>
  t('session.title', { kind: sessionKindLabel(session.kind), date: formatDate(session.date) });
