import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import type { Idea, Theme } from '../../../domain/schemas';
import { t, tp } from '../../../i18n';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { isolate } from '../../isolate';
import type { PerimeterCommands } from '../../services';

interface Props {
  theme: Theme;
  ideas: Idea[];
  retired: ReadonlySet<string>;
  localIds: ReadonlySet<string>;
  commands: PerimeterCommands;
}

/** A theme folded by default: 169 ideas in one list would drown the facilitator. */
export function ThemeIdeas({ theme, ideas, retired, localIds, commands }: Props) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ErrorCode>();
  const retiredCount = ideas.filter((idea) => retired.has(idea.id)).length;

  const toggle = async (idea: Idea) => {
    setBusy(idea.id);
    const result = await commands.retireIdea(idea.id, !retired.has(idea.id)).catch(commandFailed<null>);
    setBusy(undefined);
    setError(result.ok ? undefined : result.errors[0]?.code);
  };

  return (
    <details class="theme-block">
      <summary>
        {/* One child: the summary is a flex row, and its text must wrap as one piece. */}
        <span>
          <span aria-hidden="true">{theme.icon} </span>
          <span class="theme-name">{theme.title}</span>{' '}
          <span class="muted">
            ({tp('catalogue.theme.count', ideas.length)}
            {retiredCount > 0 && tp('catalogue.theme.retired', retiredCount)})
          </span>
        </span>
      </summary>
      <Alert code={error} />
      <ul class="idea-list">
        {ideas.map((idea) => {
          const isRetired = retired.has(idea.id);
          return (
            <li key={idea.id} class={isRetired ? 'idea-row is-retired' : 'idea-row'}>
              <div>
                <p class="idea-row-title">
                  <bdi>{idea.title}</bdi>
                  {localIds.has(idea.id) && <span class="badge">{t('catalogue.local')}</span>}
                  {isRetired && <span class="badge badge-muted">{t('catalogue.retired')}</span>}
                </p>
                {idea.hint && <p class="muted">{idea.hint}</p>}
              </div>
              <button
                type="button"
                class="btn btn-secondary btn-small"
                disabled={busy === idea.id}
                onClick={() => void toggle(idea)}
              >
                {isRetired ? t('catalogue.restore') : t('catalogue.retire')}
                <span class="sr-only">{isolate(t('catalogue.for-idea'), { title: idea.title })}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
