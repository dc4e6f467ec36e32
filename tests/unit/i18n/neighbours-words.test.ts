/**
 * The links screens' words (src/i18n/fr-neighbours.ts): those under `nb.` are read by residents
 * ("Mes voisins", the home's count, what the household shares, the printed sheet), so they are
 * plain like the other residents' words (plain-words.test.ts); `links.` are the facilitator's.
 */
import { describe, expect, it } from 'vitest';
import { JARGON } from '../../../src/i18n/audience';
import * as neighbours from '../../../src/i18n/fr-neighbours';

const residents = Object.entries(neighbours.messages).filter(([key]) => key.startsWith('nb.'));

describe('the links screens’ words', () => {
  it('are either the residents’ (nb.) or the facilitator’s (links.)', () => {
    const other = Object.keys(neighbours.messages).filter(
      (key) => !key.startsWith('nb.') && !key.startsWith('links.'),
    );
    expect(other).toEqual([]);
  });

  it('use none of the jargon words residents did not understand', () => {
    const found = residents.flatMap(([key, text]) =>
      JARGON.filter((word) => word.test(text)).map((word) => `${key}: ${word.source}`),
    );
    expect(found).toEqual([]);
  });

  it('are short sentences: none over 25 words', () => {
    const long = residents.filter(([, text]) =>
      text.split(/[.!?:]\s/).some((sentence) => sentence.split(/\s+/).length > 25),
    );
    expect(long).toEqual([]);
  });

  it('say each state of a link in its own sentence', () => {
    const states = residents.filter(([key]) => key.startsWith('nb.state.')).map(([, text]) => text);
    expect(states).toHaveLength(7);
    expect(new Set(states).size).toBe(states.length);
  });
});
