/**
 * Starting and changing a micro-project as the screens do it (issue 12, tester's faults: a next
 * step dated in the past was taken, and no screen could change a project). cafe-commands.ts
 * createProject and updateProject check the fields' shapes; these add the one rule that needs
 * the clock: a next step is to come, so its date is today or later on the perimeter's calendar
 * (Europe/Paris, cafe-status.ts wallTime, as the café plan's 'date-past'). A project's date that
 * has passed since it was set stays as it is when another field changes: only a new date is
 * checked, so a facilitator can still fix the name of a project whose step is overdue.
 */
import type { CafeRecords } from './cafe-records';
import { type ProjectInput, type ProjectUpdate, createProject, updateProject } from './cafe-commands';
import { wallTime } from './cafe-status';
import type { Outcome, PerimeterView } from './commands';
import type { Env } from './env';
import type { Result } from './errors';
import { isoDate } from './schemas';

/** Today's date ('YYYY-MM-DD') on the perimeter's calendar at `env.now()`. */
const today = (env: Env) => wallTime(Date.parse(env.now())).slice(0, 10);

/** Whether `date` is a well-formed date before today in Europe/Paris (null or malformed: no). */
function isPast(env: Env, date: string | null | undefined): boolean {
  return typeof date === 'string' && isoDate.safeParse(date).success && date < today(env);
}

/**
 * Adds 'date-past' on `nextStepDate` to `result` when `past`: to its refusals (every point to fix
 * at once), or as the only refusal of an otherwise valid input, whose changes are then dropped.
 */
function withPastDate<T>(result: Result<Outcome<T>>, past: boolean): Result<Outcome<T>> {
  if (!past) return result;
  const error = { field: 'nextStepDate', code: 'date-past' } as const;
  if (result.ok) return { ok: false, errors: [error] };
  if (result.errors.some((e) => e.field === 'nextStepDate')) return result;
  return { ok: false, errors: [...result.errors, error] };
}

/**
 * createProject, and refuses a next step dated before today ('date-past' on `nextStepDate`),
 * beside createProject's own refusals. Returns the project's key.
 */
export function startProject(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  input: ProjectInput,
): Result<Outcome<string>> {
  return withPastDate(createProject(view, records, env, input), isPast(env, input.nextStepDate));
}

/**
 * updateProject, and refuses a new next-step date before today ('date-past' on `nextStepDate`);
 * the date the project already has is kept without a check (see the file's header).
 */
export function editProject(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  key: string,
  update: ProjectUpdate,
): Result<Outcome<null>> {
  const current = records.projects.get(key)?.nextStepDate ?? null;
  const changed = update.nextStepDate !== undefined && update.nextStepDate !== current;
  return withPastDate(
    updateProject(view, records, env, key, update),
    changed && isPast(env, update.nextStepDate),
  );
}
