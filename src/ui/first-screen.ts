/**
 * Which screen the page shows before any JavaScript has run. index.html holds the new device's
 * welcome, prerendered at build time (src/ui/prerender.tsx); an inline script in its `<head>` reads
 * the hint below and, on a device that has joined a perimeter, marks the page so a CSS rule hides
 * the welcome before the first paint: that device shows the neutral shell (the header, an empty
 * screen) until its data has been read from IndexedDB.
 *
 * The hint is only a guess for the first paint. IndexedDB's `currentPerimeter` setting stays the
 * source of truth: main.tsx mirrors it into the hint every time it changes, so joining sets it,
 * and storage cleared by the browser (IndexedDB and localStorage go together) clears it. A device
 * that joined before the hint existed shows the welcome once, until its first read sets it.
 */

/** The localStorage key. index.html's inline script spells it too: change both together. */
export const JOINED_HINT_KEY = 'tissage:joined';

/** The attribute the inline script sets on `<html>`, and its value, for the neutral shell. */
export const START_ATTRIBUTE = 'data-start';
export const SHELL = 'shell';

/**
 * What the first render must produce: `welcome` when the page still holds the prerendered welcome
 * (then the app hydrates it and must render exactly that), `shell` otherwise.
 */
export type FirstScreen = 'welcome' | 'shell';

/** The inline script's choice, read back from `<html>` (the prerendered markup is the welcome). */
export function firstScreenOfPage(doc: Document): FirstScreen {
  return doc.documentElement.getAttribute(START_ATTRIBUTE) === SHELL ? 'shell' : 'welcome';
}

/** Records whether this device works on a perimeter, for the next page load's first paint. */
export function rememberJoined(joined: boolean): void {
  try {
    if (joined) localStorage.setItem(JOINED_HINT_KEY, '1');
    else localStorage.removeItem(JOINED_HINT_KEY);
  } catch {
    // Storage denied (a private window): the next load shows the welcome until its data is read.
  }
}
