import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The lanes: which folder may import what (layout in README and STYLE: dependency arrows point
 * inward, to `domain`). Checked on every relative import, static or dynamic, and on every package.
 *
 * - `domain`: the pure core (entities, schemas, commands, rights, matching). zod only (and Papa
 *   Parse, pure JavaScript, for the CSV export), so it runs unchanged on the device, the server and
 *   in tests.
 * - `catalogue`: the shipped idea catalogue as data; its types come from `domain`.
 * - `i18n`: the UI's words; it names `domain`'s error codes and enums, nothing else.
 * - `storage`: Dexie (the device database and the read model); knows `domain` only.
 * - `sync`: the Y.Doc layout and the provider, on Yjs, y-indexeddb and the Hocuspocus provider;
 *   knows `domain` only (never `storage`: the read model is fed by `workspace`).
 * - `pwa`: the update flow of the service worker, on workbox-window.
 * - `workspace`: the device's use cases; it composes `storage`, `sync` and `catalogue`. From
 *   `pwa` it takes types only (main.tsx hands it the registration). From Dexie it takes only
 *   `liveQuery` (to turn reads into live values), and nothing from y-indexeddb (the stored
 *   document's generations are sync's LocalDocStore): tables and persistence stay in `storage`
 *   and `sync`.
 * - `ui`: Preact screens. It sees `domain` and `i18n`, and the services' shapes from `workspace`
 *   as types only: the instances come from main.tsx, so the UI never reaches storage, sync, the
 *   service worker or the server (Actual Budget's loot-core boundary).
 * - `server`: the Node sync server. `domain`, the shipped `catalogue` and sync's rights check; no other device layer,
 *   nor a browser-only package.
 * - `main.tsx`: the composition root; everything but `server`.
 * - `sw/`: the service worker; workbox and, if ever needed, `domain`.
 * - `tests/`, `bench/`, scripts and configs: free.
 * A folder under src/ that is not in this table may import nothing until it gets a lane here.
 */
const LANES = {
  // papaparse: the association's CSV export (csv-export.ts), one writer for the tablet and the server.
  domain: { app: [], packages: ['zod', 'papaparse'] },
  catalogue: { app: ['domain'], packages: ['zod'] },
  i18n: { app: ['domain'], packages: ['zod'] },
  storage: { app: ['domain'], packages: ['zod', 'dexie'] },
  sync: {
    app: ['domain'],
    // luby-transform: the QR relay's fountain code (relay-frames.ts).
    packages: ['zod', 'yjs', 'y-indexeddb', 'lib0', '@hocuspocus/provider', 'luby-transform'],
  },
  pwa: { app: ['domain'], packages: ['workbox-window'] },
  workspace: {
    app: ['domain', 'catalogue', 'storage', 'sync'],
    types: ['pwa'],
    packages: ['zod', 'yjs', 'dexie'],
    names: { dexie: ['liveQuery'] },
  },
  // preact-render-to-string: src/ui/prerender.tsx writes the first screen into index.html at build time.
  ui: {
    app: ['domain', 'i18n'],
    types: ['workspace'],
    // barcode-detector and its zxing-wasm (the .wasm file's URL): the meeting code's camera
    // reader where the browser has no BarcodeDetector, loaded on demand.
    packages: ['zod', 'preact', 'uqr', 'preact-render-to-string', 'barcode-detector', 'zxing-wasm'],
  },
  // sync: only its rights check over Yjs updates (rights-check.ts, update-inspector.ts,
  // last-value.ts: Yjs and domain alone), one rule for the server and the devices' QR relay.
  server: {
    app: ['domain', 'catalogue', 'sync'],
    forbiddenPackages: ['preact', 'dexie', 'y-indexeddb', 'uqr', 'workbox-[^/]+', '@hocuspocus/provider'],
  },
};
const FOLDERS = [...Object.keys(LANES), 'main'];
/** How deep a file may sit below its folder and still be checked (src/ui/screens/scan/x.tsx is 2). */
const MAX_DEPTH = 8;

/** `import * as z from 'zod/mini'` everywhere, tests included: one flavour of zod in the bundle. */
const ZOD_PATH = {
  name: 'zod',
  importNames: ['z'],
  message: "Import zod as `import * as z from 'zod/mini'`.",
};

const either = (names) => `(?:${names.join('|')})`;
/** A bare specifier (a package or a Node built-in) outside `allowed`. */
const packageOutside = (allowed) => `^(?![./])(?!${either(allowed)}(?:/|$))`;
/** A bare specifier of one of `names`. */
const packageIn = (names) => `^${either(names)}(?:/|$)`;
/** A relative specifier that, written from where `toSrc` leads to src/, enters one of `folders`. */
const folderIn = (toSrc, folders) =>
  `^${toSrc}${either(folders.map((f) => (f === 'main' ? 'main(?:\\.tsx)?$' : f)))}(?:/|$)`;
/** The way up to src/ from a file `depth` folders below src/<folder>/. */
const upFrom = (depth) => `(?:\\.\\./){${depth + 1}}`;

/**
 * The rule options of one lane, for files from which `toSrc` leads to src/: forbidden patterns,
 * each with its message, for `no-restricted-imports` and for dynamic `import()` (which that rule
 * skips).
 */
function restrictions(name, lane, toSrc) {
  const allowed = [name, ...lane.app];
  const others = FOLDERS.filter((f) => !allowed.includes(f) && !(lane.types ?? []).includes(f));
  const says = `${name} may import ${lane.app.join(', ') || 'no other folder'}${
    lane.types ? `, and types only from ${lane.types.join(', ')}` : ''
  } (lanes in eslint.config.js).`;
  const patterns = [];
  if (others.length > 0) patterns.push({ regex: folderIn(toSrc, others), message: says });
  if (lane.types)
    patterns.push({ regex: folderIn(toSrc, lane.types), allowTypeImports: true, message: says });
  if (lane.packages) {
    patterns.push({
      regex: packageOutside(lane.packages),
      message: `${name} uses only the packages ${lane.packages.join(', ').replaceAll('[^/]+', '*')}.`,
    });
  }
  if (lane.forbiddenPackages) {
    patterns.push({
      regex: packageIn(lane.forbiddenPackages),
      message: `${name} never loads a browser-only package (${lane.forbiddenPackages.join(', ').replaceAll('[^/]+', '*')}).`,
    });
  }
  const paths = [
    ZOD_PATH,
    ...Object.entries(lane.names ?? {}).map(([pkg, names]) => ({
      name: pkg,
      allowImportNames: names,
      message: `${name} takes only ${names.join(', ')} from ${pkg}.`,
    })),
  ];
  return { paths, patterns };
}

/** `import('…')` is not seen by `no-restricted-imports`: the same regexes, as AST selectors. */
function dynamicImports(patterns) {
  return patterns.map(({ regex, message }) => ({
    // esquery ends a regex at the first `/`, so the slash is spelled as an escape.
    selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
    message,
  }));
}

function laneConfig(files, name, lane, toSrc) {
  const { paths, patterns } = restrictions(name, lane, toSrc);
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
      'no-restricted-syntax': ['error', ...dynamicImports(patterns)],
    },
  };
}

const laneConfigs = Object.entries(LANES).flatMap(([name, lane]) =>
  Array.from({ length: MAX_DEPTH }, (_, depth) =>
    laneConfig([`src/${name}/${'*/'.repeat(depth)}*.{ts,tsx}`], name, lane, upFrom(depth)),
  ),
);

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'node_modules', 'data', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [ZOD_PATH] }],
    },
  },
  // A new folder under src/ gets no import until its lane is written in LANES.
  laneConfig(['src/*/**/*.{ts,tsx}'], 'a folder without a lane', { app: [], packages: [] }, upFrom(0)),
  ...laneConfigs,
  laneConfig(
    ['src/main.tsx'],
    'main.tsx',
    { app: FOLDERS.filter((f) => f !== 'server' && f !== 'main'), packages: ['preact'] },
    '\\./',
  ),
  laneConfig(['sw/**/*.ts'], 'sw', { app: ['domain'], packages: ['workbox-[^/]+'] }, '(?:\\.\\./)+src/'),
);
