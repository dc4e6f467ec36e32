/**
 * The idea catalogue shipped with the app. It is versioned data (catalogue.v1.json), bundled as
 * its own chunk so the first screen does not pay for it, and precached by the service worker.
 * A perimeter never edits it: local ideas and retirements live in the perimeter's document.
 */
import type { Catalogue } from '../domain';

let loading: Promise<Catalogue> | undefined;

export function loadCatalogue(): Promise<Catalogue> {
  loading ??= import('./catalogue.v1.json').then((module) => module.default as Catalogue);
  return loading;
}
