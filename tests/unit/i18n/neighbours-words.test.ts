/**
 * The links screens' words (src/i18n/fr-neighbours.ts): those under `nb.` are read by residents
 * ("Mes voisins", the home's count, what the household shares, the printed sheet), so they are
 * plain like the other residents' words (plain-words.test.ts); `links.` are the facilitator's.
 */
import { describe, expect, it } from 'vitest';
import * as neighbours from '../../../src/i18n/fr-neighbours';
import { jargonIn, longSentencesIn } from './plain-text';

const residents = Object.entries(neighbours.messages).filter(([key]) => key.startsWith('nb.'));

describe('the links screens’ words', () => {
  it('are either the residents’ (nb.) or the facilitator’s (links.)', () => {
    const other = Object.keys(neighbours.messages).filter(
      (key) => !key.startsWith('nb.') && !key.startsWith('links.'),
    );
    expect(other).toEqual([]);
  });

  it('use none of the jargon words residents did not understand', () => {
    expect(jargonIn(residents)).toEqual([]);
  });

  it('are short sentences: none over 25 words', () => {
    expect(longSentencesIn(residents, 25)).toEqual([]);
  });

  it('say each state of a link in its own sentence', () => {
    const states = residents.filter(([key]) => key.startsWith('nb.state.')).map(([, text]) => text);
    expect(states).toHaveLength(7);
    expect(new Set(states).size).toBe(states.length);
  });
});
