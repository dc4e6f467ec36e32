import { answersFor } from '../../../domain/commands';
import type { AnswerValue, Idea } from '../../../domain/schemas';
import { answerLabel, t } from '../../../i18n';
import { ANSWER_ICONS } from '../../answer-icons';

interface Props {
  idea: Idea;
  current: AnswerValue | undefined;
  saving: boolean;
  onChoose: (value: AnswerValue) => void;
}

/**
 * The answer already given shows pressed, with a written mark as well as the colour. The mark is
 * hidden from screen readers, which hear `aria-pressed` instead, so the button's name stays "Je propose".
 */
export function AnswerButtons({ idea, current, saving, onChoose }: Props) {
  const values = answersFor(idea);
  return (
    <div role="group" aria-label={t('scan.answers.label')} class={`answers answers-${values.length}`}>
      {values.map((value) => (
        <button
          key={value}
          type="button"
          class="answer"
          aria-pressed={current === value}
          disabled={saving}
          onClick={() => onChoose(value)}
        >
          <span class="answer-icon" aria-hidden="true">
            {ANSWER_ICONS[value]}
          </span>
          <span class="answer-label">{answerLabel(value)}</span>
          {current === value && (
            <span class="answer-mark" aria-hidden="true">
              ✓ {t('scan.chosen')}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
