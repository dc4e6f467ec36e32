/**
 * The Café-Rencontre's words (src/i18n/fr-cafe.ts): those under `cm.` and the poster's refusals
 * are read by residents (their phone, the poster, the invitation slips), so they are plain like
 * the other residents' words (plain-words.test.ts); `cafe.` are the facilitator's.
 */
import { describe, expect, it } from 'vitest';
import * as cafe from '../../../src/i18n/fr-cafe';
import { jargonIn, longSentencesIn } from './plain-text';

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
    expect(jargonIn(residents)).toEqual([]);
  });

  it('are short sentences: none over 15 words', () => {
    expect(longSentencesIn(residents, 15)).toEqual([]);
  });

  it('say each refusal of the poster’s code in its own sentence', () => {
    const refusals = Object.values(cafe.posterErrors);
    expect(new Set(refusals).size).toBe(refusals.length);
  });
});
