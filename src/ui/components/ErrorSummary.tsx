import { useEffect, useRef } from 'preact/hooks';
import type { SummaryItem } from '../form-errors';
import { t } from '../../i18n';

/**
 * The GOV.UK error summary (design-system.service.gov.uk/components/error-summary): at the top of
 * a refused form, every point to fix at once, each a link that moves focus to its field. The form
 * moves focus here on a refused submit (useSubmit, `data-error-summary`), and `role="alert"` has
 * screen readers say it as it appears. WCAG 2.2 SC 3.3.1 Error Identification, 3.3.3 Error
 * Suggestion (each line says how to put it right).
 *
 * `refused`, for forms that do not go through useSubmit: the refusal as the form keeps it (its
 * errors array); each new one moves focus to the summary, as useSubmit does.
 */
export function ErrorSummary({ items, refused }: { items: SummaryItem[]; refused?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refused !== undefined) ref.current?.focus();
  }, [refused]);
  if (items.length === 0) return null;
  const linked = items.some((item) => item.target);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-error-summary ref={ref}>
      <h2 class="error-summary-title">
        <span aria-hidden="true">⚠️ </span>
        {t('form.errors.title')}
      </h2>
      {linked && <p class="error-summary-hint">{t('form.errors.link')}</p>}
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            {item.target ? (
              <a href={`#${item.target}`} onClick={(event) => goTo(event, item.target as string)}>
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button';

/**
 * Focuses the field and shows its label above it. The app's routes live in the URL's hash, so the
 * link's own jump (which would change the route) is replaced by this.
 */
function goTo(event: Event, id: string) {
  event.preventDefault();
  const target = document.getElementById(id);
  if (!target) return;
  // A group of boxes (a fieldset) is reached through its first box, shown under its legend.
  const field = target.matches(FOCUSABLE) ? target : target.querySelector<HTMLElement>(FOCUSABLE);
  const label = document.querySelector<HTMLElement>(`label[for="${CSS.escape(id)}"]`);
  const legend = (target.matches('fieldset') ? target : target.closest('fieldset'))?.querySelector('legend');
  field?.focus({ preventScroll: true });
  (label ?? legend ?? target).scrollIntoView({ block: 'start' });
}
