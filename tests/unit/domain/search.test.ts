import { describe, expect, it } from 'vitest';
import { matchesSearch, searchable } from '../../../src/domain';

const diallo = ['Famille Diallo', 'Bâtiment A'];
const hélène = ['Hélène Müller', '12 rue des Lilas'];
const ahmed = ['عائلة أحمد', '12 rue des Lilas'];

describe('finding a household by name or building', () => {
  it('ignores accents, case and extra spaces', () => {
    expect(searchable('  HÉLÈNE   Müller ')).toBe('helene muller');
    expect(matchesSearch('helene', hélène)).toBe(true);
    expect(matchesSearch('MULLER', hélène)).toBe(true);
    expect(matchesSearch('batiment a', diallo)).toBe(true);
  });

  it('needs every word, each the start of a word of the name or the place', () => {
    expect(matchesSearch('diallo batiment', diallo)).toBe(true);
    expect(matchesSearch('diallo lilas', diallo)).toBe(false);
    // Each word its own: "b" is not found again in the "bâtiment" that "batiment" took.
    expect(matchesSearch('batiment b', diallo)).toBe(false);
    expect(matchesSearch('batiment b', ['Léa', 'Bâtiment B'])).toBe(true);
    expect(matchesSearch('fam dia', diallo)).toBe(true);
    expect(matchesSearch('pierre', ['Jean-Pierre'])).toBe(true);
    expect(matchesSearch('', diallo)).toBe(true);
  });

  it('finds right-to-left names, with or without vowel marks', () => {
    expect(matchesSearch('أحمد', ahmed)).toBe(true);
    // The same name typed with a fatha on the alif-hamza and a damma: marks do not count.
    expect(matchesSearch('أَحْمَد', ahmed)).toBe(true);
    expect(matchesSearch('lilas', ahmed)).toBe(true);
    expect(matchesSearch('أحمد', diallo)).toBe(false);
  });
});
