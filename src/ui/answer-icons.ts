import type { AnswerValue } from '../domain/schemas';

/** Pictures next to the words, never instead of them. */
export const ANSWER_ICONS: Record<AnswerValue, string> = {
  offer: '🤲',
  seek: '🔎',
  both: '🔁',
  no: '✋',
  join: '🙋',
};
