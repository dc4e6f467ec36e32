import type { Theme } from '../../../domain/schemas';
import { t } from '../../../i18n';
import { href } from '../../hooks/routes';

/** Every theme, folded away: one of them can be seen again without going through the others. */
export function ReopenTheme({ householdId, themes }: { householdId: string; themes: Theme[] }) {
  if (themes.length === 0) return null;
  return (
    <details class="card">
      <summary>{t('summary.themes.title')}</summary>
      <ul class="theme-links">
        {themes.map((theme) => (
          <li key={theme.id} class="theme-link-row">
            <p>
              <span aria-hidden="true">{theme.icon} </span>
              <bdi>{theme.title}</bdi>
            </p>
            <a
              class="btn btn-small btn-secondary"
              href={href({ name: 'scan', householdId, focus: { kind: 'theme', id: theme.id } })}
            >
              {t('summary.theme.open')}
              <span class="sr-only"> : {theme.title}</span>
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
