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
 * Whether `query` finds the household whose texts are `fields` (its name first, its street or
 * building last); an empty query finds everyone. Each query word begins a different word of the
 * texts, and words do not pair up across texts by chance (issue 12, tester's fault: « bâtiment b »
 * found Bruno of Bâtiment A, "b" taken from his name and "bâtiment" from his building). Either
 * - every word is in one text (« fam dia », « batiment a »), or
 * - the last text (the building) is a phrase of the query: consecutive words, each beginning the
 *   next word of the building in order, that reach the building's last word or the query's end
 *   (still being typed), and every other word is in the first text (« diallo bâtiment »,
 *   « bâtiment a diallo »); « bâtiment b » cannot stop after « bâtiment » to give "b" to the name.
 * Each text is compared as `searchable` makes it (no accents, any case).
 */
export function matchesSearch(query: string, fields: readonly string[]): boolean {
  const asked = words(query);
  const texts = fields.map(words);
  if (texts.some((text) => eachOwnWord(asked, text))) return true;
  const name = texts[0];
  const place = texts.at(-1);
  if (texts.length < 2 || !name || !place) return false;
  for (let from = 0; from < asked.length; from++) {
    for (let to = from + 1; to <= asked.length; to++) {
      const run = asked.slice(from, to);
      const rest = [...asked.slice(0, from), ...asked.slice(to)];
      for (let at = 0; at + run.length <= place.length; at++) {
        const fits = run.every((word, i) => place[at + i]!.startsWith(word));
        const stops = to === asked.length || at + run.length === place.length;
        if (fits && stops && eachOwnWord(rest, name)) return true;
      }
    }
  }
  return false;
}

/**
 * Whether each of `wanted` begins a different word of `available`. Longer words pick first, so
 * that a short one never takes the word a longer one needs.
 */
function eachOwnWord(wanted: readonly string[], available: readonly string[]): boolean {
  const left = [...available];
  return [...wanted]
    .sort((a, b) => b.length - a.length)
    .every((word) => {
      const at = left.findIndex((candidate) => candidate.startsWith(word));
      if (at < 0) return false;
      left.splice(at, 1);
      return true;
    });
}
