import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ErrorCode, Result } from '../../../domain/errors';
import { type ScanItem, indexOf, nextIdea, nextTheme, previousIdea } from '../../../domain/scan';
import type { AnswerValue, Household } from '../../../domain/schemas';
import { t } from '../../../i18n';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { href } from '../../hooks/routes';
import { isolate } from '../../isolate';
import { navigate } from '../../hooks/useRoute';
import type { PerimeterCommands } from '../../services';
import { AnswerButtons } from './AnswerButtons';
import { IdeaCard } from './IdeaCard';

interface Props {
  commands: PerimeterCommands;
  household: Household;
  sessionId: string | null;
  /** The stored cursor; undefined before the first idea. */
  startAt: string | undefined;
  order: ScanItem[];
  answers: ReadonlyMap<string, AnswerValue>;
}

/**
 * One idea at a time. The next idea appears only once the answer and the cursor are durable on
 * this tablet: a household that puts the tablet down, or a battery that dies, loses nothing it
 * saw confirmed. The `tissage:*` performance marks are read by the benchmark.
 */
export function ScanRun({ commands, household, sessionId, startAt, order, answers }: Props) {
  const [ideaId, setIdeaId] = useState(() => order[indexOf(order, startAt)]?.idea.id);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const answered = useRef(false);

  useLayoutEffect(() => {
    if (!answered.current) return;
    answered.current = false;
    requestAnimationFrame(() => performance.mark('tissage:idea-painted'));
  }, [ideaId]);

  const pauseHref = href(sessionId ? { name: 'session', sessionId } : { name: 'home' });
  const at = indexOf(order, ideaId);
  const item = order[at];
  if (!item) return <p>{t('scan.empty')}</p>;
  const id = item.idea.id;

  const settle = (result: Result<null>, target: string | undefined, onOk?: () => void) => {
    setSaving(false);
    if (!result.ok) {
      setError(result.errors[0]?.code ?? 'storage-failed');
      return;
    }
    setError(undefined);
    onOk?.();
    if (target) setIdeaId(target);
    else navigate({ name: 'summary', householdId: household.id }, { replace: true });
  };

  const choose = async (value: AnswerValue) => {
    if (saving) return;
    performance.mark('tissage:answer-tap');
    setSaving(true);
    const next = nextIdea(order, id);
    const result = await commands.answer(household.id, id, value, next).catch(commandFailed<null>);
    performance.mark('tissage:answer-durable');
    settle(result, next, () => {
      answered.current = true;
    });
  };

  const move = async (target: string | undefined) => {
    if (saving) return;
    setSaving(true);
    settle(await commands.moveScan(household.id, target).catch(commandFailed<null>), target);
  };

  const previous = previousIdea(order, id);
  return (
    <>
      <div class="scan-top">
        <p class="scan-household">{isolate(t('scan.household'), { name: household.name })}</p>
        <a class="btn btn-small btn-quiet" href={pauseHref}>
          <span aria-hidden="true">⏸️ </span>
          {t('scan.pause')}
        </a>
      </div>
      <IdeaCard
        item={item}
        position={at + 1}
        total={order.length}
        firstOfTheme={order[at - 1]?.theme.id !== item.theme.id}
      />
      <AnswerButtons
        idea={item.idea}
        current={answers.get(id)}
        saving={saving}
        onChoose={(v) => void choose(v)}
      />
      <Alert code={error} />
      <div class="scan-secondary">
        <button
          type="button"
          class="btn btn-secondary"
          disabled={saving || !previous}
          onClick={() => void move(previous)}
        >
          <span aria-hidden="true">⬅️ </span>
          {t('scan.back')}
        </button>
        <button
          type="button"
          class="btn btn-secondary"
          disabled={saving}
          onClick={() => void move(nextTheme(order, id))}
        >
          {t('scan.skip-theme')}
          <span aria-hidden="true"> ⏭️</span>
        </button>
      </div>
    </>
  );
}
