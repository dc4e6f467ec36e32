/**
 * Composition root: the only place where storage, sync and the service worker are wired to the UI.
 */
import { render } from 'preact';
import { systemEnv } from './domain/env';
import { registerServiceWorker } from './pwa/register';
import { openDeviceDb } from './storage/device-db';
import { errorLogger } from './storage/error-log';
import { App } from './ui/App';
import { reportScreenErrorsTo } from './ui/command-failure';
import type { AppServices } from './ui/services';
import { createAppServices, sameOriginServer } from './workspace/app-services';

const device = openDeviceDb();
const services: AppServices = createAppServices(
  device,
  systemEnv,
  registerServiceWorker(errorLogger(device, systemEnv.now)),
  sameOriginServer(),
);

reportScreenErrorsTo(services.reportError);

const root = document.getElementById('app');
if (root) render(<App services={services} />, root);
