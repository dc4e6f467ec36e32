import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ErrorCode, Result } from '../../../domain/errors';
import {
  type ScanItem,
  firstUnseen,
  indexOf,
  nextIdea,
  nextTheme,
  previousIdea,
  scanTarget,
  seenIdeas,
  themeIdeas,
} from '../../../domain/scan';
import type { AnswerValue, Household } from '../../../domain/schemas';
import { t } from '../../../i18n';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { type ScanFocus, href } from '../../hooks/routes';
import { isolate } from '../../isolate';
import { navigate } from '../../hooks/useRoute';
import { useScreenKey } from '../../hooks/useScreenKey';
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
  /** The ideas the scan recorded as seen (answers count as seen too). */
  seen: readonly string[] | undefined;
  /** One idea or one theme, opened from the summary; the whole scan otherwise. */
  focus?: ScanFocus;
}

/**
 * One idea at a time. The next idea appears only once the answer is durable on this tablet: a
 * household that puts the tablet down, or a battery that dies, loses nothing it saw confirmed. The
 * place in the scan follows in the background (a cursor lost with the battery only shows the
 * answered idea again, with its answer); "back" and "skip" wait for theirs. The `tissage:*`
 * performance marks are read by the benchmark.
 */
export function ScanRun(props: Props) {
  const { commands, household, sessionId, startAt, answers, focus } = props;
  // A focused visit runs through its own part of the scan only.
  const order = focused(props.order, focus);
  const [ideaId, setIdeaId] = useState(() =>
    firstShown(order, props.order, startAt, props.seen, answers, focus),
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const answered = useRef(false);
  // Each idea is a screen of its own: the second tap of a double tap never answers the next one.
  useScreenKey(ideaId);

  useLayoutEffect(() => {
    if (!answered.current) return;
    answered.current = false;
    requestAnimationFrame(() => performance.mark('tissage:idea-painted'));
  }, [ideaId]);

  // A visit from the summary goes back to it.
  const pauseHref = href(
    focus
      ? { name: 'summary', householdId: household.id, ...(focus.cafeId && { cafeId: focus.cafeId }) }
      : sessionId
        ? { name: 'session', sessionId }
        : { name: 'home' },
  );
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
    else
      navigate(
        { name: 'summary', householdId: household.id, ...(focus?.cafeId && { cafeId: focus.cafeId }) },
        { replace: true },
      );
  };

  /**
   * Where the stored scan goes on leaving this idea for `next` (undefined past the end of what is
   * shown): along the whole scan, to `next` or, past the end, to the first idea never seen; on a
   * focused visit, it stays where it was unless every idea has now been seen.
   */
  const stored = (next: string | undefined) => {
    const seen = seenIdeas(props.seen, answers.keys()).add(id);
    if (!focus) return scanTarget(props.order, seen, next).ideaId;
    const unseen = firstUnseen(props.order, seen);
    return unseen === undefined ? undefined : (startAt ?? unseen);
  };

  const choose = async (value: AnswerValue) => {
    if (saving) return;
    performance.mark('tissage:answer-tap');
    setSaving(true);
    const next = nextIdea(order, id);
    const cursor = stored(next);
    const result = await commands.answer(household.id, id, value, cursor).catch(commandFailed<null>);
    performance.mark('tissage:answer-durable');
    settle(result, next, () => {
      answered.current = true;
    });
  };

  const move = async (target: string | undefined) => {
    if (saving) return;
    setSaving(true);
    const cursor = stored(target);
    const result = await commands.moveScan(household.id, cursor, id).catch(commandFailed<null>);
    settle(result, target);
  };

  const previous = previousIdea(order, id);
  return (
    <>
      <div class="scan-top">
        <p class="scan-household">{isolate(t('scan.household'), { name: household.name })}</p>
        <a class="btn btn-small btn-quiet" href={pauseHref}>
          <span aria-hidden="true">⏸️ </span>
          {focus ? t('scan.to-summary') : t('scan.pause')}
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

/** The part of the scan a visit runs through: one idea, one theme, or all of it. */
function focused(order: ScanItem[], focus: ScanFocus | undefined): ScanItem[] {
  if (!focus) return order;
  if (focus.kind === 'theme') return themeIdeas(order, focus.id);
  return order.filter((item) => item.idea.id === focus.id);
}

/**
 * The idea a visit opens on: the stored place for the whole scan; for a theme, its first idea
 * never seen (its first idea when all were seen: the theme is seen again).
 */
function firstShown(
  shown: ScanItem[],
  order: ScanItem[],
  startAt: string | undefined,
  seen: readonly string[] | undefined,
  answers: ReadonlyMap<string, AnswerValue>,
  focus: ScanFocus | undefined,
): string | undefined {
  if (!focus) return order[indexOf(order, startAt)]?.idea.id;
  return firstUnseen(shown, seenIdeas(seen, answers.keys())) ?? shown[0]?.idea.id;
}
