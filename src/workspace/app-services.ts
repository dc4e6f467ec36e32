/**
 * Everything the UI is given, composed from storage, the lazily loaded perimeter runtime (command
 * layer, sync) and the service worker. The first screen is served from Dexie alone; the shared
 * document (and Yjs with it) loads in the background as soon as a perimeter opens, and commands
 * wait for it.
 */
import { liveQuery } from 'dexie';
import { loadCatalogue } from '../catalogue/load';
import type { Env, ImportOutcome, PerimeterInput, Result } from '../domain';
import { formatToken, shortCode } from '../domain/credentials';
import type { PwaUpdates } from '../pwa/register';
import type { AccessRow, DeviceDb } from '../storage/device-db';
import { errorLogger, recentErrors } from '../storage/error-log';
import { type DraftFields, draftStore } from '../storage/drafts';
import { keptFormStore } from '../storage/kept-forms';
import { perimeterQueries } from '../storage/queries';
import { type ReadModelDb, openReadModelDb } from '../storage/read-model';
import { cell } from '../sync/cell';
import { LOCAL_STATUS, type SyncStatus } from '../sync/sync-status';
import type { PerimeterRuntime, ServerAddress } from './perimeter-runtime';
import type { PerimeterWorkspace as Workspace } from './perimeter-workspace';
import { type JoinFailure, householdToken, redeemInvitation } from './join';
import { readContact } from './contacts';
import { linksServices } from './links-services';
import { cafeServices } from './cafe-services';
import { dashboardServices } from './dashboard-services';
import { type Live, docLive } from './doc-live';
import { forgetPerimeterOnDevice } from './forget-perimeter';
import { followOwnErasure } from './own-erasure';
import { rightsServices } from './rights-services';
import { storageFailure } from './storage-errors';

/** The one sync status type, for the UI (which imports types from this layer only). */
export type { SyncStatus };

/**
 * What the UI is given, as this file implements it: the UI's types (ui/services.ts) are derived
 * from these, so each command's signature is written once, next to its implementation (the way
 * Actual Budget's loot-core types its handlers).
 */
export type AppServices = ReturnType<typeof createAppServices>;
export type PerimeterServices = Awaited<ReturnType<AppServices['openPerimeter']>>;

export type PersistenceStatus = 'granted' | 'refused' | 'unsupported' | 'unknown';
export type JoinResult = { ok: true; perimeterId: string } | { ok: false; reason: JoinFailure };
export type ImportResult = ImportOutcome;

/**
 * Resolves once the next frame has painted (a task queued from a requestAnimationFrame callback
 * runs after it), or after 50 ms in a hidden page, where frames stop: what the workspace waits for
 * before the writes a tap does not wait for, so they never delay the next idea's frame.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const hidden = setTimeout(resolve, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(hidden);
        resolve();
      }),
    );
  });
}

/** The server this page came from: the app and the sync server share one origin. */
export function sameOriginServer(): ServerAddress {
  return {
    sync: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`,
    http: location.origin,
  };
}

export function createAppServices(device: DeviceDb, env: Env, updates: PwaUpdates, server: ServerAddress) {
  const runtimes = new Map<string, Promise<PerimeterRuntime>>();
  /** The runtimes whose document is loaded: queries may read it in memory instead of from disk. */
  const loaded = new Map<string, PerimeterRuntime>();
  const readDbs = new Map<string, ReadModelDb>();
  /** Perimeters this device forgot (its household erased): never opened again in this page. */
  const forgotten = new Set<string>();
  /** Each opened runtime's following of its own household's erasure (own-erasure.ts), to stop. */
  const following = new Map<string, Promise<() => void>>();
  /**
   * True once this page forgot a perimeter because its own household was erased: the app then
   * shows the goodbye screen, and only then (a goodbye opened by its address says nothing false).
   */
  const farewell = cell(false);
  const persistence = cell<PersistenceStatus>('unknown');
  const reportError = errorLogger(device, env.now);
  const deps = async () => ({ device, env, catalogue: await loadCatalogue(), background: afterNextPaint });

  const readDb = (id: string) => {
    let db = readDbs.get(id);
    if (!db) {
      db = openReadModelDb(id);
      readDbs.set(id, db);
    }
    return db;
  };

  const runtime = (id: string) => {
    let opening = runtimes.get(id);
    if (!opening) {
      if (forgotten.has(id)) return Promise.reject(new Error('perimeter forgotten on this device'));
      opening = Promise.all([import('./perimeter-runtime'), deps()]).then(async ([module, d]) => {
        const opened = new module.PerimeterRuntime(id, d, server, readDb(id));
        await opened.workspace();
        following.set(
          id,
          followOwnErasure({
            device,
            perimeterId: id,
            status: opened.status,
            erasedInDoc: (householdId) =>
              docLive(
                () => opened.workspace(),
                (w) => w.doc.household(householdId)?.erasedAt !== undefined,
              ),
            onErased: () => void householdErased(id),
          }),
        );
        // Read by bench/: when the document is loaded and the read model caught up with it.
        performance.mark('tissage:document-ready');
        loaded.set(id, opened);
        return opened;
      });
      opening.catch(() => runtimes.delete(id));
      runtimes.set(id, opening);
    }
    return opening;
  };

  /** A command waits for the perimeter's document; if it cannot open (storage broken), it says so. */
  const perimeterCommand =
    <A extends unknown[], T>(id: string, run: (w: Workspace, ...args: A) => Promise<Result<T>>) =>
    async (...args: A): Promise<Result<T>> => {
      try {
        const opened = await runtime(id);
        return await run(await opened.workspace(), ...args);
      } catch (error) {
        // The screen shows "could not save"; the cause goes to the device's log.
        reportError('screen-command', error);
        return storageFailure(error);
      }
    };

  /**
   * The erased household's own phone (own-erasure.ts): the goodbye screen first, so the perimeter's
   * screens are gone before its databases close, then the perimeter is forgotten. Once per perimeter.
   */
  async function householdErased(id: string): Promise<void> {
    if (forgotten.has(id)) return;
    forgotten.add(id);
    farewell.set(true);
    await afterNextPaint();
    await forgetPerimeter(id).catch((error: unknown) => reportError('perimeter-forget', error));
  }

  /** See `forgetPerimeter` on the services below. */
  async function forgetPerimeter(id: string): Promise<void> {
    forgotten.add(id);
    const stop = following.get(id);
    following.delete(id);
    (await stop)?.();
    const opening = runtimes.get(id);
    runtimes.delete(id);
    loaded.delete(id);
    const opened = await opening?.catch(() => undefined);
    await opened?.close();
    readDbs.get(id)?.close();
    readDbs.delete(id);
    await forgetPerimeterOnDevice(device, id);
  }

  const becomeCurrent = (id: string, name: string) =>
    device.transaction('rw', device.perimeters, device.settings, async () => {
      const known = await device.perimeters.get(id);
      await device.perimeters.put({ id, name: known?.name || name, addedAt: known?.addedAt ?? env.now() });
      await device.settings.put({ key: 'currentPerimeter', value: id });
    });

  const currentId = async () => (await device.settings.get('currentPerimeter'))?.value;

  const attach = async (perimeterId: string, access: AccessRow) => {
    if (runtimes.has(perimeterId)) await (await runtime(perimeterId)).attach(access);
    else await device.access.put(access);
  };

  return {
    currentPerimeter: () => liveQuery(currentId),
    /**
     * A form of no perimeter yet (the new perimeter's), kept on this device while it is typed
     * (storage/kept-forms.ts): `keptForm('perimeter')`.
     */
    keptForm: keptFormStore(device, 'device'),

    async openPerimeter(id: string) {
      const status = cell<SyncStatus>(LOCAL_STATUS);
      let started = false;
      const start = () => {
        if (started) return;
        started = true;
        void runtime(id).then(
          (opened) => opened.status.subscribe((next) => status.set(next)),
          (error: unknown) => {
            started = false;
            reportError('document-open', error);
          },
        );
      };
      const command = <A extends unknown[], T>(run: (w: Workspace, ...args: A) => Promise<Result<T>>) => {
        const commandOf = perimeterCommand(id, run);
        return (...args: A) => {
          start();
          return commandOf(...args);
        };
      };
      // What each service works on: the perimeter's workspace, whose first use starts the sync.
      const workspace = async () => {
        start();
        return (await runtime(id)).workspace();
      };
      const drafts = draftStore(device, id, env.now);
      const stored = perimeterQueries(id, readDb(id), device, loadCatalogue);
      const links = linksServices({
        perimeterId: id,
        device,
        env,
        http: server.http,
        workspace,
        report: reportError,
      });
      const cafe = cafeServices({
        perimeterId: id,
        device,
        env,
        catalogue: loadCatalogue,
        workspace,
      });
      const dashboard = dashboardServices({
        perimeterId: id,
        device,
        http: server.http,
        now: env.now,
        workspace,
      });
      const rights = rightsServices({
        perimeterId: id,
        device,
        http: server.http,
        now: env.now,
        workspace,
      });
      return {
        id,
        start,
        /**
         * One of this perimeter's forms, kept on this device while it is typed and not sent
         * (storage/kept-forms.ts); a household's words under a name that holds its id.
         */
        keptForm: keptFormStore(device, id),
        queries: {
          ...stored,
          ...rights.queries,
          ...links.queries,
          ...cafe.queries,
          ...dashboard.queries,
          /**
           * Matches from the document in memory once it is loaded (milliseconds on the worst case),
           * from the read model on disk before that: the screen never waits for the document.
           */
          summary: async (householdId: string) => {
            const held = await loaded.get(id)?.workspace();
            return held?.summary(householdId) ?? stored.summary(householdId);
          },
          /** A session's sign-up drafts on this tablet, by name only. */
          drafts: drafts.list,
          /** One draft, with its fields: only for the household that chose to resume it. */
          draft: drafts.get,
          sync: () => status,
          /** A household's contact details, asked of the server on a facilitator's device. */
          contact: (householdId: string) =>
            readContact({ device, http: server.http, perimeterId: id, now: env.now }, householdId),
          /** How this device joined the perimeter (never its token); undefined on a tablet on its own. */
          access: () =>
            liveQuery(async () => {
              const row = await device.access.get(id);
              return row && { role: row.role, householdId: row.householdId };
            }),
          credentialsOf: async (householdId: string) => (await workspace()).credentialsOf(householdId),
        },
        // Each command's signature is written once, on PerimeterWorkspace: the parameters are taken
        // from there, and the UI's types from here (PerimeterCommands in ui/services.ts).
        commands: {
          /**
           * Keeps a sign-up form in progress, durably, on this tablet only (no document, no sync):
           * a new draft when `draftId` is undefined. Resolves with the draft's id once on disk.
           */
          saveDraft: async (
            draftId: string | undefined,
            sessionId: string,
            fields: DraftFields,
          ): Promise<Result<string>> => {
            const draft = draftId ?? env.newId();
            try {
              await drafts.save(draft, sessionId, fields);
              return { ok: true, value: draft };
            } catch (error) {
              return storageFailure(error);
            }
          },
          discardDraft: async (draftId: string): Promise<Result<null>> => {
            try {
              await drafts.discard(draftId);
              return { ok: true, value: null };
            } catch (error) {
              return storageFailure(error);
            }
          },
          openSession: command((w, ...a: Parameters<Workspace['openSession']>) => w.openSession(...a)),
          setPresence: command((w, ...a: Parameters<Workspace['setPresence']>) => w.setPresence(...a)),
          closeSession: command((w, ...a: Parameters<Workspace['closeSession']>) => w.closeSession(...a)),
          signUp: command((w, ...a: Parameters<Workspace['signUp']>) => w.signUp(...a)),
          answer: command((w, ...a: Parameters<Workspace['answer']>) => w.answer(...a)),
          moveScan: command((w, ...a: Parameters<Workspace['moveScan']>) => w.moveScan(...a)),
          addLocalIdea: command((w, ...a: Parameters<Workspace['addLocalIdea']>) => w.addLocalIdea(...a)),
          retireIdea: command((w, ...a: Parameters<Workspace['retireIdea']>) => w.retireIdea(...a)),
          revokeCredential: command((w, ...a: Parameters<Workspace['revokeCredential']>) =>
            w.revokeCredential(...a),
          ),
          /** Like the workspace's, with what the household's phone needs: token, short code, link. */
          issueCredential: command(async (w, householdId: string) => {
            const issued = await w.issueCredential(householdId);
            if (!issued.ok) return issued;
            const { credentialId, secret } = issued.value;
            const token = formatToken({ kind: 'household', perimeterId: id, credentialId, secret });
            return {
              ok: true as const,
              value: {
                credentialId,
                token,
                shortCode: shortCode(secret),
                link: `${location.origin}/#/rejoindre/${token}`,
              },
            };
          }),
          ...links.commands,
          ...cafe.commands,
          ...dashboard.commands,
          ...rights.commands,
          /**
           * Erases `householdId` (rights-services.ts); `ownPhone` is true when this device is that
           * household's own phone, which must then forget the perimeter (`forgetPerimeter`): its
           * credential is revoked, it will never sync the erasure.
           */
          eraseHousehold: async (householdId: string) => {
            const answer = await rights.commands.eraseHousehold(householdId);
            const access = await device.access.get(id);
            const ownPhone = access?.role === 'household' && access.householdId === householdId;
            // Asked again after a lost answer, the own phone hears 'erased': done all the same.
            if (ownPhone && (answer.ok || answer.reason === 'erased')) void householdErased(id);
            if (!answer.ok) return answer;
            return { ok: true as const, value: { ...answer.value, ownPhone } };
          },
          /**
           * What became of an erasure whose answer did not come (rights-services.ts
           * `erasureOutcome`); on the household's own phone, 'erased' makes it forget the perimeter.
           */
          erasureOutcome: async (householdId: string) => {
            const outcome = await rights.commands.erasureOutcome(householdId);
            const access = await device.access.get(id);
            if (outcome === 'erased' && access?.role === 'household' && access.householdId === householdId)
              void householdErased(id);
            return outcome;
          },
          exportFile: async (...a: Parameters<PerimeterRuntime['exportFile']>) => {
            start();
            return (await runtime(id)).exportFile(...a);
          },
          importFile: async (...a: Parameters<PerimeterRuntime['importFile']>) => {
            start();
            return (await runtime(id)).importFile(...a);
          },
        },
      };
    },

    /**
     * First run, or a tablet joined to a perimeter the server has nothing for yet: the perimeter
     * and its founding residents are written on this device.
     */
    async createPerimeter(input: PerimeterInput): Promise<Result<string>> {
      const joined = await currentId();
      if (joined) {
        const opened = await runtime(joined);
        const founded = await (await opened.workspace()).found(input);
        return founded.ok ? { ok: true, value: joined } : founded;
      }
      const [{ PerimeterWorkspace }, { PerimeterRuntime }, d] = await Promise.all([
        import('./perimeter-workspace'),
        import('./perimeter-runtime'),
        deps(),
      ]);
      const id = env.newId();
      const created = await PerimeterWorkspace.create(input, d, id, readDb(id));
      if (!created.ok) return created;
      const opened = new PerimeterRuntime(id, d, server, readDb(id), created.value.workspace);
      loaded.set(id, opened);
      runtimes.set(id, Promise.resolve(opened));
      return { ok: true, value: id };
    },

    /** A facilitator's invitation link, opened once online; attaches this tablet's perimeter if it has one. */
    async joinAsFacilitator(code: string): Promise<JoinResult> {
      const local = await currentId();
      const attachable = local && !(await device.access.get(local)) ? local : undefined;
      const redeemed = await redeemInvitation(server.http, code, attachable);
      if (!redeemed.ok) return redeemed;
      const { perimeterId, perimeterName, token } = redeemed.value;
      // The access first, then the pointer to it: a device that stops in between has not joined.
      await attach(perimeterId, {
        perimeterId,
        role: 'facilitator',
        token,
        householdId: null,
        joinedAt: env.now(),
      });
      await becomeCurrent(perimeterId, perimeterName);
      return { ok: true, perimeterId };
    },

    /** A household's phone, with the link or the short code the tablet gave it. */
    async joinAsHousehold(input: string): Promise<JoinResult> {
      const found = await householdToken(server.http, input);
      if (!found.ok) return found;
      const { perimeterId, householdId, token } = found.value;
      // The access first: a phone whose current perimeter had no access would show an empty one.
      await attach(perimeterId, { perimeterId, role: 'household', token, householdId, joinedAt: env.now() });
      await becomeCurrent(perimeterId, '');
      return { ok: true, perimeterId };
    },

    /**
     * The erased household's own phone forgets the perimeter (forget-perimeter.ts): its runtime is
     * closed and never opened again in this page, then its stored document, read model and every
     * device row about it are deleted. The screens of the perimeter must be gone first (the app
     * shows the goodbye screen), or their live queries would read a closed database.
     */
    forgetPerimeter,

    /** True once this page forgot a perimeter because its household was erased (see `farewell`). */
    farewell: (): Live<boolean> => farewell,

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

    /** Records an error nobody waits for in this device's log. */
    reportError,

    /** This device's log of such errors, newest first. */
    errors: () => recentErrors(device),

    onUpdateReady(listener: (apply: () => void) => void) {
      return updates.onUpdateReady(() => listener(() => updates.applyUpdate()));
    },
  };
}
