import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import { href } from '../hooks/routes';

interface Props {
  perimeterName?: string | undefined;
  /** No way home during the scan: the scan screen offers its own "pause". */
  showHome: boolean;
  /** During the scan every line counts on a phone: the perimeter's name gives way to the idea. */
  compact?: boolean;
  /** The sync indicator, once a perimeter is open. */
  status?: ComponentChildren;
}

export function Header({ perimeterName, showHome, compact, status }: Props) {
  return (
    <header class={compact ? 'top top-scan' : 'top'}>
      <p class="brand">
        <span aria-hidden="true">🧶 </span>
        {t('app.name')}
      </p>
      {perimeterName && (
        <p class="perimeter-name">
          <span class="sr-only">{t('header.perimeter')} </span>
          <bdi>{perimeterName}</bdi>
        </p>
      )}
      {showHome && (
        <a class="btn btn-small btn-quiet" href={href({ name: 'home' })}>
          <span aria-hidden="true">🏠 </span>
          {t('header.home')}
        </a>
      )}
      {status}
    </header>
  );
}
