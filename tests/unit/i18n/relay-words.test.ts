/**
 * The relay screens' words (src/i18n/fr-relay.ts) are read by residents: plain, like the other
 * residents' words (plain-words.test.ts), and every problem has its own sentence, which says that
 * nothing changed or that reading goes on.
 */
import { describe, expect, it } from 'vitest';
import * as relay from '../../../src/i18n/fr-relay';
import { jargonIn, longSentencesIn } from './plain-text';

const texts = [...Object.entries(relay.messages), ...Object.entries(relay.problems)];

describe('the relay screens’ words', () => {
  it('use none of the jargon words residents did not understand', () => {
    expect(jargonIn(texts)).toEqual([]);
  });

  it('are short sentences: none over 25 words', () => {
    expect(longSentencesIn(texts, 25)).toEqual([]);
  });

  it('give each problem its own sentence, saying whether anything changed', () => {
    const sentences = Object.values(relay.problems);
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const sentence of sentences)
      expect(sentence).toMatch(/Rien n’a changé|la lecture continue|Recommencez|recommencez/);
  });
});
