/**
 * Finding a household by what a facilitator remembers of it: part of its name or of its street or
 * building, typed without accents, in any case, in any script. Marks are dropped after Unicode
 * decomposition, so "helene" finds "Hélène" and an Arabic name is found with or without its
 * vowel marks (harakat).
 */

/** The text as compared: decomposed, without combining marks, lower case, spaces collapsed. */
export function searchable(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr').replace(/\s+/gu, ' ').trim();
}

/** Whether every word of `query` is in one of `fields` (an empty query finds everyone). */
export function matchesSearch(query: string, fields: readonly string[]): boolean {
  const words = searchable(query).split(' ').filter(Boolean);
  const haystack = fields.map(searchable);
  return words.every((word) => haystack.some((field) => field.includes(word)));
}
