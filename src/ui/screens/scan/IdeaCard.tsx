import { useLayoutEffect } from 'preact/hooks';
import type { ScanItem } from '../../../domain/scan';
import { t } from '../../../i18n';
import { Title } from '../../components/Title';

interface Props {
  item: ScanItem;
  position: number;
  total: number;
  /** The theme's short introduction shows on its first idea only. */
  firstOfTheme: boolean;
}

export function IdeaCard({ item, position, total, firstOfTheme }: Props) {
  const { idea, theme } = item;
  // Each idea starts at the top, title first, even when the last one was scrolled to reach its
  // answers; the title takes focus without scrolling (see Title), so this is the only scroll.
  useLayoutEffect(() => window.scrollTo(0, 0), [idea.id]);
  const progress = t('scan.progress', { position, total });
  return (
    <>
      <div class="scan-theme">
        <p class="theme-title">
          <span class="theme-icon" aria-hidden="true">
            {theme.icon}
          </span>
          {theme.title}
        </p>
        {firstOfTheme && <p class="theme-intro">{theme.intro}</p>}
      </div>
      <div class="scan-progress">
        <progress
          max={total}
          value={position}
          aria-label={t('scan.progress.label')}
          aria-valuetext={progress}
        />
        <span aria-hidden="true">{progress}</span>
      </div>
      <p class="sr-only" aria-live="polite">
        {t('scan.announce', { position, total, theme: theme.title })}
      </p>
      {/* Keyed by idea: a new title is a new element, which takes focus for screen readers. */}
      <Title key={idea.id} class="idea-title">
        <bdi>{idea.title}</bdi>
      </Title>
      {idea.hint && <p class="idea-hint">{idea.hint}</p>}
    </>
  );
}
