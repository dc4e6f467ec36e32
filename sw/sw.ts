/*
 * Tissage's service worker: the app shell, offline.
 *
 * What is cached: only the build itself, precached at install with a revision per file (the list,
 * `self.__WB_MANIFEST`, is written in by vite-plugin-pwa at build time): every js/css/html/svg/woff2
 * file, the web manifest and its icons. A session happens in a community room where the network comes
 * and goes; after one visit the app must start, and reload, with no network at all.
 *
 * What is not: participants' data (it lives in IndexedDB, owned by the app, never in Cache Storage), and
 * the sync server's `/api/` and `/health`, served later on this same origin: those always go to the network.
 *
 * Updates: a new version installs in the background and then waits. It takes over only when the page
 * posts `{ type: 'SKIP_WAITING' }`, that is when the facilitator accepts the update, never in the
 * middle of a scan. Must stay true: no automatic skipWaiting() anywhere in this file.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & typeof globalThis;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any navigation (a deep link, a reload on /session/42) gets the precached shell; the app routes itself.
// The sync server's paths stay out, so the server answers them, or the request fails offline as it should.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api(?:[/?]|$)/, /^\/health(?:[/?]|$)/],
  }),
);

// The very first install has no previous version to wait for: claiming the open page right away means
// a reload with the network off works straight after the first visit.
clientsClaim();

self.addEventListener('message', (event) => {
  if (isSkipWaiting(event.data)) {
    event.waitUntil(self.skipWaiting());
  }
});

function isSkipWaiting(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING';
}
