/**
 * Residents' words stay plain (src/i18n/audience.ts): no key they read uses the jargon a
 * 75-year-old neighbour did not understand, and each answer button says what it means on its own.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/domain/errors';
import {
  RESIDENT_DEVICE_MESSAGES,
  RESIDENT_ERRORS,
  RESIDENT_MESSAGES,
  RESIDENT_RIGHTS_MESSAGES,
} from '../../../src/i18n/audience';
import * as devices from '../../../src/i18n/fr-devices';
import * as fr from '../../../src/i18n/fr';
import * as rights from '../../../src/i18n/fr-rights';
import { jargonIn, longSentencesIn } from './plain-text';

const residents = (messages: Record<string, string>, prefixes: readonly string[]) =>
  Object.entries(messages).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix)));

describe('the words residents read', () => {
  it('every prefix names some keys, so that none checks nothing', () => {
    for (const prefix of RESIDENT_MESSAGES)
      expect(residents(fr.messages, [prefix]), prefix).not.toHaveLength(0);
    for (const prefix of RESIDENT_DEVICE_MESSAGES)
      expect(residents(devices.messages, [prefix]), prefix).not.toHaveLength(0);
    for (const prefix of RESIDENT_RIGHTS_MESSAGES)
      expect(residents(rights.messages, [prefix]), prefix).not.toHaveLength(0);
  });

  it('use none of the jargon words, on any screen a resident sees', () => {
    expect(jargonIn(residents(fr.messages, RESIDENT_MESSAGES))).toEqual([]);
    expect(jargonIn(residents(devices.messages, RESIDENT_DEVICE_MESSAGES))).toEqual([]);
    expect(jargonIn(residents(rights.messages, RESIDENT_RIGHTS_MESSAGES))).toEqual([]);
    const errors = RESIDENT_ERRORS.map((code: ErrorCode): [string, string] => [code, fr.errors[code]]);
    expect(jargonIn(errors)).toEqual([]);
    expect(jargonIn(Object.entries(fr.answers))).toEqual([]);
  });

  it('catches the words it is meant to catch', () => {
    expect(
      jargonIn([
        ['a', 'Tout est enregistré sur le serveur'],
        ['b', 'L’animation vous a donné un code'],
        ['c', 'Ce périmètre est vide'],
        ['d', 'Attention : données fragiles'],
        ['e', 'Tapez la phrase secrète'],
        ['f', 'Synchronisation en cours'],
      ]),
    ).toHaveLength(6);
  });

  it('say what each answer means on its own, read alone on a button', () => {
    expect(Object.values(fr.answers)).not.toContain('Les deux');
    for (const label of Object.values(fr.answers)) expect(label).toMatch(/^(Je|Pas) /);
  });

  it('are short sentences: none over 25 words', () => {
    const texts = [
      ...residents(fr.messages, RESIDENT_MESSAGES),
      ...residents(devices.messages, RESIDENT_DEVICE_MESSAGES),
      ...residents(rights.messages, RESIDENT_RIGHTS_MESSAGES),
    ];
    expect(longSentencesIn(texts, 25)).toEqual([]);
  });
});
