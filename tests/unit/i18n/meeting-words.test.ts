/**
 * The meeting screens' words (src/i18n/fr-meeting.ts) are all read by residents: plain, like the
 * other residents' words (plain-words.test.ts), and every refusal of a meeting code has its own
 * sentence, which says what to do next.
 */
import { describe, expect, it } from 'vitest';
import { MEETING_CODE_ERRORS } from '../../../src/domain/meeting-code';
import * as meeting from '../../../src/i18n/fr-meeting';
import { jargonIn, longSentencesIn } from './plain-text';

const texts = [...Object.entries(meeting.messages), ...Object.entries(meeting.errors)];

describe('the meeting screens’ words', () => {
  it('use none of the jargon words residents did not understand', () => {
    expect(jargonIn(texts)).toEqual([]);
  });

  it('are short sentences: none over 25 words', () => {
    expect(longSentencesIn(texts, 25)).toEqual([]);
  });

  it('give each refusal its own sentence', () => {
    const sentences = MEETING_CODE_ERRORS.map((code) => meeting.errors[code]);
    expect(new Set(sentences).size).toBe(MEETING_CODE_ERRORS.length);
  });
});
