/**
 * What the UI needs from the rest of the app. Screens depend on these types only; main.tsx hands
 * them the implementation (src/workspace/app-services.ts). The types are derived from that
 * implementation rather than declared again here, so that each command's signature is written
 * once, next to the code that runs it (as Actual Budget's `loot-core/src/types/handlers.ts` does).
 */
import type {
  AppServices,
  ImportResult,
  JoinResult,
  PerimeterServices,
  PersistenceStatus,
  SyncStatus,
} from '../workspace/app-services';

export type { AppServices, ImportResult, JoinResult, PerimeterServices, PersistenceStatus, SyncStatus };

/** A value that changes over time (Dexie's liveQuery observables satisfy it). */
export interface Live<T> {
  subscribe(next: (value: T) => void, error?: (reason: unknown) => void): { unsubscribe(): void };
}

/** The value a live query gives. */
type LiveValue<Query> = Query extends (...args: never[]) => Live<infer T> ? T : never;

export type PerimeterCommands = PerimeterServices['commands'];
export type PerimeterQueries = PerimeterServices['queries'];

/** Where a household stands in its catalogue scan on this device. */
export type ScanState = LiveValue<PerimeterQueries['scans']>[number];

/** Shipped and local ideas, retired ones included (see `retired`), with the themes. */
export type EffectiveCatalogue = LiveValue<PerimeterQueries['catalogue']>;

/** How this device joined a perimeter: its role, and the household it speaks for in that role. */
export type DeviceAccess = NonNullable<LiveValue<PerimeterQueries['access']>>;

/** A household's phone access as the tablet shows it once: token, short code and link. */
export type IssuedCredential = Extract<
  Awaited<ReturnType<PerimeterCommands['issueCredential']>>,
  { ok: true }
>['value'];

/** One entry of the device's error log: when, during which task, and the error's kind. */
export type DeviceError = LiveValue<AppServices['errors']>[number];

/** A household's own data with the words its ids stand for (workspace/rights-services.ts). */
export type OwnDataView = NonNullable<LiveValue<PerimeterQueries['ownData']>>;

/** A household with no activity for the retention time: id, name, last activity (ISO 8601). */
export type DormantHousehold = LiveValue<PerimeterQueries['dormant']>[number];
