/**
 * The new device's first screen as HTML, for index.html (build time only: the Vite plugin in
 * scripts/prerender-first-screen.ts loads this module in Node). It renders the very `App` that
 * main.tsx hydrates, in the state of its first render on a new device (no services yet, the home
 * address), so hydration finds every node where it expects it and rebuilds nothing.
 */
import { renderToString } from 'preact-render-to-string';
import { App } from './App';
import { JOINED_HINT_KEY } from './first-screen';

export { JOINED_HINT_KEY };

/**
 * The markup that goes inside `<div id="app">`.
 * @throws Error when a global named `location` already exists: this runs in Node, where the one
 * lent here (the home address, which is what a new device opens) must not replace a real one.
 */
export function firstScreenHtml(): string {
  const scope = globalThis as { location?: unknown };
  if (scope.location !== undefined) throw new Error('prerender: a global location already exists');
  // useRoute reads the address during the first render.
  scope.location = { hash: '' };
  try {
    return renderToString(<App services={undefined} first="welcome" />);
  } finally {
    delete scope.location;
  }
}
