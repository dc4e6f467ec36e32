/**
 * The meeting screens' words (src/i18n/fr-meeting.ts) are all read by residents: plain, like the
 * other residents' words (plain-words.test.ts), and every refusal of a meeting code has its own
 * sentence, which says what to do next.
 */
import { describe, expect, it } from 'vitest';
import { MEETING_CODE_ERRORS } from '../../../src/domain/meeting-code';
import { JARGON } from '../../../src/i18n/audience';
import * as meeting from '../../../src/i18n/fr-meeting';

const texts = [...Object.entries(meeting.messages), ...Object.entries(meeting.errors)];

describe('the meeting screens’ words', () => {
  it('use none of the jargon words residents did not understand', () => {
    const found = texts.flatMap(([key, text]) =>
      JARGON.filter((word) => word.test(text)).map((word) => `${key}: ${word.source}`),
    );
    expect(found).toEqual([]);
  });

  it('are short sentences: none over 25 words', () => {
    const long = texts.filter(([, text]) =>
      text.split(/[.!?:]\s/).some((sentence) => sentence.split(/\s+/).length > 25),
    );
    expect(long).toEqual([]);
  });

  it('give each refusal its own sentence', () => {
    const sentences = MEETING_CODE_ERRORS.map((code) => meeting.errors[code]);
    expect(new Set(sentences).size).toBe(MEETING_CODE_ERRORS.length);
  });
});
