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

  it('never pairs words across the name and the building by chance (« bâtiment b » is not Bruno of A)', () => {
    const bruno = ['Bruno', 'Bâtiment A'];
    expect(matchesSearch('bâtiment b', bruno)).toBe(false);
    expect(matchesSearch('bâtiment b', ['Léa', 'Bâtiment B'])).toBe(true);
    expect(matchesSearch('bâtiment a', bruno)).toBe(true);
    expect(matchesSearch('bruno bâtiment a', bruno)).toBe(true);
    expect(matchesSearch('bâtiment a bruno', bruno)).toBe(true);
    expect(matchesSearch('bruno bâtiment', bruno)).toBe(true);
    expect(matchesSearch('b bâtiment', bruno)).toBe(true);
    // The building's words as a phrase that ends it or ends the query, the others in the name.
    expect(matchesSearch('famille lilas', ['Famille Martin', '3 rue des Lilas'])).toBe(true);
    expect(matchesSearch('famille martin lilas', ['Famille Martin', '3 rue des Lilas'])).toBe(true);
    expect(matchesSearch('martin rue', ['Famille Martin', '3 rue des Lilas'])).toBe(true);
    expect(matchesSearch('rue lilas martin', ['Famille Martin', '3 rue des Lilas'])).toBe(false);
  });

  it('finds right-to-left names, with or without vowel marks', () => {
    expect(matchesSearch('أحمد', ahmed)).toBe(true);
    // The same name typed with a fatha on the alif-hamza and a damma: marks do not count.
    expect(matchesSearch('أَحْمَد', ahmed)).toBe(true);
    expect(matchesSearch('lilas', ahmed)).toBe(true);
    expect(matchesSearch('أحمد', diallo)).toBe(false);
  });
});
