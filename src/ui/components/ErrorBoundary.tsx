import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import { t } from '../../i18n';

/** A crash in a screen shows a way out instead of a blank tablet. */
export function ErrorBoundary({ children }: { children: ComponentChildren }) {
  const [error] = useErrorBoundary((reason: unknown) => console.error(reason));
  if (!error) return <>{children}</>;
  return (
    <main class="screen">
      <h1>{t('app.crashed.title')}</h1>
      <p>{t('app.crashed.body')}</p>
      <button type="button" class="btn btn-primary" onClick={() => location.reload()}>
        {t('app.reload')}
      </button>
    </main>
  );
}
