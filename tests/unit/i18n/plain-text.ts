/**
 * The two checks every residents' words test makes (plain-words, cafe-words, meeting-words,
 * neighbours-words, relay-words): no jargon word (src/i18n/audience.ts `JARGON`, the words a
 * 75-year-old neighbour did not understand) and short sentences, as easy-to-read French (FALC)
 * asks.
 */
import { JARGON } from '../../../src/i18n/audience';

/** `[key, text]` pairs, as `Object.entries` of a message table gives them. */
export type Texts = [string, string][];

/** The jargon words found in each text, as `key: word` lines (empty when all is plain). */
export function jargonIn(texts: Texts): string[] {
  return texts.flatMap(([key, text]) =>
    JARGON.filter((word) => word.test(text)).map((word) => `${key}: ${word.source}`),
  );
}

/**
 * The texts holding a sentence of more than `maxWords` words (empty when all are short). A
 * sentence ends at `.`, `!`, `?` or `:` followed by a space; words are split on white space.
 */
export function longSentencesIn(texts: Texts, maxWords: number): Texts {
  return texts.filter(([, text]) =>
    text.split(/[.!?:]\s/).some((sentence) => sentence.split(/\s+/).length > maxWords),
  );
}
