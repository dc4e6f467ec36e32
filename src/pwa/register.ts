/*
 * Registers the service worker (sw/sw.ts, built to /sw.js) and hands its update flow to the UI.
 *
 * A new version never takes over by itself: the UI learns through `onUpdateReady` that one is waiting,
 * and calls `applyUpdate` when the facilitator accepts it (never in the middle of a scan). The page then
 * reloads once, under the new version. Only production builds register: in `vite dev` there is no
 * built sw.js, and a stale worker would serve old code.
 */
import { Workbox } from 'workbox-window';
import type { ReportError } from '../domain/device-errors';
import { createUpdateLatch } from './update-latch';

/** A tablet may stay open on one page all day: look for a new version this often. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface PwaUpdates {
  /** Calls `listener` once a new version is waiting (at once if one already is); returns an unsubscribe. */
  onUpdateReady(listener: () => void): () => void;
  /** Lets the waiting version take over, then reloads the page once it controls it. */
  applyUpdate(): void;
}

const noUpdates: PwaUpdates = {
  onUpdateReady: () => () => {},
  applyUpdate: () => {},
};

/** `report` hears of update checks that fail while the browser says it is online. */
export function registerServiceWorker(report: ReportError): PwaUpdates {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return noUpdates;

  const wb = new Workbox('/sw.js', { scope: '/' });
  const updateReady = createUpdateLatch();
  let registration: ServiceWorkerRegistration | undefined;
  let applying = false;
  let reloading = false;
  let controller = navigator.serviceWorker.controller;

  const reload = () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  };

  // Fires for a version found at load as well as for one found later by `update()` (which workbox-window
  // may flag `isExternal`: after its first minute it treats every update that way). Both are real.
  wb.addEventListener('waiting', () => updateReady.open());

  wb.addEventListener('controlling', () => {
    if (applying) {
      reload();
    } else if (controller) {
      // Another tab applied the update: this page still runs the old code under the new worker, whose
      // precache may lack the old chunks. Offer the reload like any other update.
      updateReady.open();
    }
    // The first install also changes the controller (clientsClaim), from none: that is not an update.
    controller = navigator.serviceWorker.controller;
  });

  wb.register()
    .then((reg) => {
      registration = reg;
    })
    .catch((error: unknown) => {
      // The app works without it, only not offline; nothing the facilitator can act on.
      console.warn('Service worker registration failed', error);
    });

  // Offline, update() rejects: that is expected and harmless, the next tick tries again. Online, a
  // failure is worth a line in the device's log.
  setInterval(() => {
    wb.update().catch((error: unknown) => {
      if (navigator.onLine) report('update-check', error);
    });
  }, UPDATE_CHECK_INTERVAL_MS);

  return {
    onUpdateReady: (listener) => updateReady.subscribe(listener),
    applyUpdate() {
      applying = true;
      if (registration?.waiting) {
        wb.messageSkipWaiting();
      } else {
        // Nothing left waiting: another tab already activated the new version, which controls this page.
        reload();
      }
    },
  };
}
