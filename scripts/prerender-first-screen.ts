/**
 * A Vite build plugin that writes the new device's first screen (src/ui/prerender.tsx) into
 * index.html's `<div id="app">`, so the page paints its welcome before any JavaScript has loaded
 * (issue 10, must-have 3); main.tsx then hydrates it in place. It also copies the app's stylesheet
 * into a `<style>` in index.html: the first paint then needs index.html alone, not one more round
 * trip (on a slow phone link, about half a second of the largest contentful paint).
 *
 * Order: it works in `transformIndexHtml`, which Vite runs while it emits the bundle, so every later
 * step sees the prerendered index.html: vite-plugin-pwa's precache manifest (the revision of
 * index.html is the hash of this file) and the brotli and gzip copies (scripts/precompress.ts,
 * closeBundle), both written after the bundle.
 *
 * The module is loaded through Vite's module runner (`runnerImport`), which compiles the TSX the
 * same way the app build does. Its CSS imports are left out: markup does not depend on them, and the
 * runner's CSS plugin has no build to attach to (it fails on them).
 */
import path from 'node:path';
import { type IndexHtmlTransformContext, type Plugin, runnerImport } from 'vite';

/** Every CSS import resolves to this empty module while prerendering. */
const NO_CSS = '\0tissage:no-css';

const withoutCss: Plugin = {
  name: 'tissage:prerender-without-css',
  enforce: 'pre',
  resolveId: (id) => (id.endsWith('.css') ? NO_CSS : undefined),
  load: (id) => (id === NO_CSS ? 'export {};' : undefined),
};

/** What index.html holds where the first screen goes. */
const MOUNT = '<div id="app"></div>';

interface PrerenderModule {
  firstScreenHtml(): string;
  JOINED_HINT_KEY: string;
}

/**
 * The plugin; add it to `plugins` in vite.config.ts. Does nothing outside `vite build`.
 * The build fails if index.html has no empty `<div id="app"></div>`, or if its inline script does
 * not read the hint key the app writes (src/ui/first-screen.ts).
 */
export function prerenderFirstScreen(): Plugin {
  let root = '';
  return {
    name: 'tissage:prerender-first-screen',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, { bundle }) {
        if (!html.includes(MOUNT)) throw new Error(`prerender: index.html has no ${MOUNT}`);
        if (bundle) html = inlineStylesheets(html, bundle);
        const { module } = await runnerImport<PrerenderModule>(path.join(root, 'src/ui/prerender.tsx'), {
          root,
          configFile: false,
          logLevel: 'error',
          plugins: [withoutCss],
        });
        if (!html.includes(JSON.stringify(module.JOINED_HINT_KEY).replaceAll('"', "'"))) {
          throw new Error(`prerender: index.html's inline script does not read '${module.JOINED_HINT_KEY}'`);
        }
        return html.replace(MOUNT, `<div id="app">${module.firstScreenHtml()}</div>`);
      },
    },
  };
}

type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;

/** A stylesheet link that Vite wrote for a file of the bundle, e.g. `/assets/index-abc.css`. */
const STYLESHEET = /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g;

/**
 * Replaces each stylesheet link of the bundle by the stylesheet itself. The file stays in dist
 * (the build manifest and the bench name it); nothing loads it any more.
 * @throws Error when a linked stylesheet is not in the bundle.
 */
function inlineStylesheets(html: string, bundle: OutputBundle): string {
  return html.replace(STYLESHEET, (_, file: string) => {
    const asset = bundle[file];
    if (asset?.type !== 'asset') throw new Error(`prerender: ${file} is not in the bundle`);
    return `<style>${String(asset.source)}</style>`;
  });
}
