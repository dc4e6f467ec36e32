import type { UnseenTheme } from '../../../domain/scan';
import { t, tp } from '../../../i18n';
import { href } from '../../hooks/routes';

interface Props {
  householdId: string;
  unseen: UnseenTheme[];
}

/**
 * The themes with ideas the household never saw (skipped, or not reached yet), each with a way
 * straight to its first unseen idea: a skipped theme is not a seen one.
 */
export function UnseenThemes({ householdId, unseen }: Props) {
  if (unseen.length === 0) return null;
  return (
    <section class="card card-warn" aria-labelledby="summary-unseen">
      <h2 id="summary-unseen">{t('summary.unseen.title')}</h2>
      <p>{t('summary.unseen.intro')}</p>
      <ul class="theme-links">
        {unseen.map(({ theme, unseen: count }) => (
          <li key={theme.id} class="theme-link-row">
            <p>
              <span aria-hidden="true">{theme.icon} </span>
              <bdi>{theme.title}</bdi> <span class="muted">· {tp('summary.unseen.count', count)}</span>
            </p>
            <a
              class="btn btn-secondary"
              href={href({ name: 'scan', householdId, focus: { kind: 'theme', id: theme.id } })}
            >
              {t('summary.see-theme')}
              <span class="sr-only"> : {theme.title}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
