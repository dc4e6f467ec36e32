import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { playwright } from '@vitest/browser-playwright';
import { precompress } from './scripts/precompress.ts';
import { prerenderFirstScreen } from './scripts/prerender-first-screen.ts';

// Debian's Chromium, never a downloaded browser; the flags keep it off this machine's closed network.
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  plugins: [
    preact(),
    // Writes the first screen into index.html while the bundle is emitted: before the precache
    // manifest and the compressed copies, which therefore carry the prerendered page.
    prerenderFirstScreen(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/apple-touch-icon.png', 'robots.txt'],
      manifest: {
        name: 'Tissage — tisser du lien entre voisins',
        short_name: 'Tissage',
        description: 'Inscriptions entre voisins autour d’un café, même sans connexion.',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#fffaf3',
        theme_color: '#8a3b12',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The originals only: the .br and .gz copies beside them are for the server, not the cache.
        // wasm: ZXing's QR reader, so the meeting code's camera works on the street with no network.
        globPatterns: ['**/*.{js,css,html,svg,woff2,wasm}'],
      },
    }),
    // Last: brotli and gzip copies of the finished files, sw.js and index.html included.
    precompress(),
  ],
  build: {
    target: 'es2022',
    // bench/bundle-size.ts reads the chunk graph from it to size what the first screen loads.
    manifest: true,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: '/usr/bin/chromium',
                chromiumSandbox: false,
                args: chromiumArgs,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          // Real sync servers on free ports, some as child processes: one file at a time.
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          // Servers started in the test process log nothing; child servers log at info
          // (tests/server/child-server.ts), where tests read their output.
          env: { TISSAGE_LOG_LEVEL: 'silent' },
          testTimeout: 60_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
