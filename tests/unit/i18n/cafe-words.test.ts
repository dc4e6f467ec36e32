/**
 * The Café-Rencontre's words (src/i18n/fr-cafe.ts): those under `cm.` and the poster's refusals
 * are read by residents (their phone, the poster, the invitation slips), so they are plain like
 * the other residents' words (plain-words.test.ts); `cafe.` are the facilitator's.
 */
import { describe, expect, it } from 'vitest';
import { JARGON } from '../../../src/i18n/audience';
import * as cafe from '../../../src/i18n/fr-cafe';

const residents = [
  ...Object.entries(cafe.messages).filter(([key]) => key.startsWith('cm.')),
  ...Object.entries(cafe.posterErrors),
];

describe('the café screens’ words', () => {
  it('are either the residents’ (cm.) or the facilitator’s (cafe.)', () => {
    const other = Object.keys(cafe.messages).filter(
      (key) => !key.startsWith('cm.') && !key.startsWith('cafe.'),
    );
    expect(other).toEqual([]);
  });

  it('use none of the jargon words residents did not understand', () => {
    const found = residents.flatMap(([key, text]) =>
      JARGON.filter((word) => word.test(text)).map((word) => `${key}: ${word.source}`),
    );
    expect(found).toEqual([]);
  });

  it('are short sentences: none over 15 words', () => {
    const long = residents.filter(([, text]) =>
      text.split(/[.!?:]\s/).some((sentence) => sentence.split(/\s+/).length > 15),
    );
    expect(long).toEqual([]);
  });

  it('say each refusal of the poster’s code in its own sentence', () => {
    const refusals = Object.values(cafe.posterErrors);
    expect(new Set(refusals).size).toBe(refusals.length);
  });
});
