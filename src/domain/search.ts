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

/** The words of a text as compared: split on anything that is not a letter or a digit. */
function words(text: string): string[] {
  return searchable(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Whether each word of `query` begins a different word of `fields` (an empty query finds
 * everyone). A different word each: "bâtiment b" finds "Bâtiment B", not "Bâtiment A", whose
 * "bâtiment" the first word already took. Longer query words pick first, so that a short one
 * never takes the word a longer one needs.
 */
export function matchesSearch(query: string, fields: readonly string[]): boolean {
  const wanted = words(query).sort((a, b) => b.length - a.length);
  const available = fields.flatMap(words);
  return wanted.every((word) => {
    const at = available.findIndex((candidate) => candidate.startsWith(word));
    if (at < 0) return false;
    available.splice(at, 1);
    return true;
  });
}
