/**
 * Composition root: the only place where storage, sync and the service worker are wired to the UI.
 */
import { render } from 'preact';
import { systemEnv } from './domain/env';
import { registerServiceWorker } from './pwa/register';
import { openDeviceDb } from './storage/device-db';
import { App } from './ui/App';
import type { AppServices } from './ui/services';
import { createAppServices, sameOriginServer } from './workspace/app-services';

const services: AppServices = createAppServices(
  openDeviceDb(),
  systemEnv,
  registerServiceWorker(),
  sameOriginServer(),
);

const root = document.getElementById('app');
if (root) render(<App services={services} />, root);
