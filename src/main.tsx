/**
 * Composition root: the only place where storage, sync and the service worker are wired to the UI.
 *
 * The first screen comes before them: index.html already shows it (the new device's welcome,
 * prerendered, or the neutral shell on a device that has joined a perimeter; see
 * ui/first-screen.ts), this module takes it over at once (hydration keeps the welcome's nodes),
 * and storage, sync and the service worker arrive in a chunk of their own. Nothing the welcome
 * does not use (Dexie, zod, workbox, the perimeter's screens) is in the first bundle.
 */
import { hydrate, render } from 'preact';
import { App } from './ui/App';
import { reportScreenErrorsTo } from './ui/command-failure';
import { ErrorBoundary } from './ui/components/ErrorBoundary';
import { type FirstScreen, START_ATTRIBUTE, firstScreenOfPage, rememberJoined } from './ui/first-screen';
import type { AppServices } from './ui/services';

/**
 * The services, built from modules loaded after the first screen (from the service worker's
 * precache once installed, so offline too).
 */
async function composeServices(): Promise<AppServices> {
  const [{ systemEnv }, { registerServiceWorker }, { openDeviceDb }, { errorLogger }, workspace] =
    await Promise.all([
      import('./domain/env'),
      import('./pwa/register'),
      import('./storage/device-db'),
      import('./storage/error-log'),
      import('./workspace/app-services'),
    ]);
  const device = openDeviceDb();
  return workspace.createAppServices(
    device,
    systemEnv,
    registerServiceWorker(errorLogger(device, systemEnv.now)),
    workspace.sameOriginServer(),
  );
}

// Started before the first render, so the download overlaps it.
const services = composeServices();

const root = document.getElementById('app');
if (root) {
  const first: FirstScreen = firstScreenOfPage(document);
  if (first === 'welcome') hydrate(<App services={undefined} first={first} />, root);
  else {
    // The prerendered welcome is hidden by CSS until here; the shell replaces it in this same task.
    root.replaceChildren();
    render(<App services={undefined} first={first} />, root);
    document.documentElement.removeAttribute(START_ATTRIBUTE);
  }
  services.then(
    (ready) => {
      reportScreenErrorsTo(ready.reportError);
      // The next load's first paint follows IndexedDB's answer (ui/first-screen.ts); a failed read
      // is the app's to show, the hint just stays as it was.
      ready.currentPerimeter().subscribe(
        (id) => rememberJoined(id !== undefined),
        () => {},
      );
      render(<App services={ready} first={first} />, root);
    },
    // A chunk that did not load (offline before the service worker installed): the crash screen,
    // whose button reloads, rather than a welcome whose buttons do nothing.
    (reason: unknown) =>
      render(
        <ErrorBoundary>
          <Unavailable reason={reason} />
        </ErrorBoundary>,
        root,
      ),
  );
}

function Unavailable({ reason }: { reason: unknown }): never {
  throw reason;
}
