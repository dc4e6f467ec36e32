/**
 * Everything the UI is given, composed from storage, the lazily loaded command layer and the
 * service worker. The first screen is served from Dexie alone; the shared document (and Yjs with
 * it) loads in the background as soon as a perimeter opens, and commands wait for it.
 */
import { liveQuery } from 'dexie';
import { loadCatalogue } from '../catalogue/load';
import type {
  AnswerValue,
  Env,
  LocalIdeaInput,
  PerimeterInput,
  Result,
  SessionInput,
  SignUpInput,
} from '../domain';
import type { DeviceDb } from '../storage/device-db';
import { perimeterQueries } from '../storage/queries';
import { openReadModelDb } from '../storage/read-model';
import type { PwaUpdates } from '../pwa/register';
import { cell } from './cell';
import type { PerimeterWorkspace } from './perimeter-workspace';
import { storageFailure } from './storage-errors';

export type PersistenceStatus = 'granted' | 'refused' | 'unsupported' | 'unknown';

export function createAppServices(device: DeviceDb, env: Env, updates: PwaUpdates) {
  const workspaces = new Map<string, Promise<PerimeterWorkspace>>();
  const persistence = cell<PersistenceStatus>('unknown');
  const deps = async () => ({ device, env, catalogue: await loadCatalogue() });

  const workspace = (id: string) => {
    let opening = workspaces.get(id);
    if (!opening) {
      opening = Promise.all([import('./perimeter-workspace'), deps()])
        .then(([module, d]) => module.PerimeterWorkspace.open(id, d))
        .then((opened) => {
          // Read by bench/: when the document is loaded and the read model caught up with it.
          performance.mark('tissage:document-ready');
          return opened;
        });
      workspaces.set(id, opening);
    }
    return opening;
  };

  /** A command waits for the workspace; if it cannot open (storage broken), it says so. */
  const command =
    <A extends unknown[], T>(id: string, run: (w: PerimeterWorkspace, ...args: A) => Promise<Result<T>>) =>
    async (...args: A): Promise<Result<T>> => {
      let opened: PerimeterWorkspace;
      try {
        opened = await workspace(id);
      } catch (error) {
        workspaces.delete(id);
        return storageFailure(error);
      }
      return run(opened, ...args);
    };

  return {
    currentPerimeter: () => liveQuery(async () => (await device.settings.get('currentPerimeter'))?.value),

    async openPerimeter(id: string) {
      void workspace(id).catch(() => workspaces.delete(id));
      return {
        id,
        queries: perimeterQueries(id, openReadModelDb(id), device, loadCatalogue),
        commands: {
          openSession: command(id, (w, input: SessionInput) => w.openSession(input)),
          setPresence: command(id, (w, sessionId: string, present: string[]) =>
            w.setPresence(sessionId, present),
          ),
          closeSession: command(id, (w, sessionId: string) => w.closeSession(sessionId)),
          signUp: command(id, (w, sessionId: string, input: SignUpInput) => w.signUp(sessionId, input)),
          answer: command(
            id,
            (w, householdId: string, ideaId: string, value: AnswerValue, nextIdeaId: string | undefined) =>
              w.answer(householdId, ideaId, value, nextIdeaId),
          ),
          moveScan: command(id, (w, householdId: string, ideaId: string | undefined) =>
            w.moveScan(householdId, ideaId),
          ),
          addLocalIdea: command(id, (w, input: LocalIdeaInput) => w.addLocalIdea(input)),
          retireIdea: command(id, (w, ideaId: string, retired: boolean) => w.retireIdea(ideaId, retired)),
        },
      };
    },

    async createPerimeter(input: PerimeterInput): Promise<Result<string>> {
      const [{ PerimeterWorkspace }, d] = await Promise.all([import('./perimeter-workspace'), deps()]);
      const created = await PerimeterWorkspace.create(input, d);
      if (!created.ok) return created;
      const { workspace: opened } = created.value;
      workspaces.set(opened.id, Promise.resolve(opened));
      return { ok: true, value: opened.id };
    },

    async requestPersistence(): Promise<PersistenceStatus> {
      const storage = navigator.storage as StorageManager | undefined;
      let status: PersistenceStatus = 'unsupported';
      if (storage?.persist) {
        try {
          status = (await storage.persisted()) || (await storage.persist()) ? 'granted' : 'refused';
        } catch {
          status = 'refused';
        }
      }
      persistence.set(status);
      return status;
    },

    persistence: () => persistence,

    onUpdateReady(listener: (apply: () => void) => void) {
      return updates.onUpdateReady(() => listener(() => updates.applyUpdate()));
    },
  };
}
