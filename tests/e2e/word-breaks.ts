/**
 * Words cut across two lines (issue 13 tester faults: « information / s » in a title, a phone
 * number « 06 12 34 56 / 78 » in a call button, at 360 px with text at 200 %). The app's own words
 * must wrap between words: a cut inside one means its box was narrower than the word (a heading
 * too large for the screen, a flex item squeezed below its longest word). Only what someone typed
 * may break inside a word (a 40-letter name with no space, a long e-mail address): it sits in a
 * `<bdi>` or a `dir="auto"` element (src/ui/isolate.tsx), which this check leaves out. A hyphen
 * is a place to break ("Cafés-/Rencontres"), so a word here is a run of letters and digits.
 */
import type { Page } from 'playwright';

/**
 * Every word of the app's own visible text that spans more than one line, as `"word" in <tag>`
 * (`Range.getClientRects`: one rectangle per line box the word touches). Text in `<bdi>`,
 * `dir="auto"`, `.sr-only` and the document's head is left out, and words of one letter.
 */
export function splitWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('bdi, [dir="auto"], .sr-only, script, style, noscript')) continue;
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]{2,}/gu)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set<number>();
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width > 0 && rect.height > 0) tops.add(Math.round(rect.top));
        }
        if (tops.size > 1)
          found.push(`"${match[0]}" cut over ${tops.size} lines in ${parent.tagName.toLowerCase()}`);
      }
    }
    return found;
  });
}

/**
 * Phone numbers shown in a call button (`a[href^="tel:"]`) that do not sit on one line: a number
 * read aloud or copied by eye must not be split « 06 12 34 56 / 78 ».
 */
export function splitPhoneNumbers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const range = document.createRange();
    for (const number of Array.from(document.querySelectorAll('a[href^="tel:"] .call-label bdi'))) {
      range.selectNodeContents(number);
      const tops = new Set(
        Array.from(range.getClientRects())
          .filter((rect) => rect.width > 0)
          .map((rect) => Math.round(rect.top)),
      );
      if (tops.size > 1) found.push(`phone "${number.textContent}" over ${tops.size} lines`);
    }
    return found;
  });
}
