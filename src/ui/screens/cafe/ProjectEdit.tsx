import { useRef, useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { tc } from '../../../i18n/cafe';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { useSubmit } from '../../hooks/useSubmit';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';
import { ProjectFields, type ProjectFieldValues, projectSummaryItems } from './ProjectFields';

/** A micro-project as the tablet's board lists it. */
export interface ProjectRow {
  key: string;
  project: { name: string; nextStep: string; nextStepDate: string | null; ideaId: string | null };
  members: string[];
}

/**
 * The facilitator's changes to one micro-project, on the tablet: « Modifier » opens a form for its
 * name, next step and the step's date (a new date before today is refused, domain
 * cafe-project-edit.ts: every point to fix shown at once, focus on the summary, useSubmit), and
 * the participants, each with « Retirer », plus a household to add. Closing the form, saved or
 * not, gives focus back to « Modifier ».
 */
export function ProjectEdit({
  ps,
  row,
  names,
}: {
  ps: PerimeterServices;
  row: ProjectRow;
  names: ReadonlyMap<string, string>;
}) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = (done: boolean) => {
    setOpen(false);
    setSaved(done);
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <>
      <p role="status">{saved && tc('cafe.projects.saved')}</p>
      {open ? (
        <ProjectForm ps={ps} row={row} onClose={close} />
      ) : (
        <button
          ref={opener}
          type="button"
          class="btn btn-secondary"
          onClick={() => {
            setSaved(false);
            setOpen(true);
          }}
        >
          {tc('cafe.projects.edit')}
          <span class="sr-only">
            {' : '}
            <bdi>{row.project.name}</bdi>
          </span>
        </button>
      )}
      <Participants ps={ps} row={row} names={names} />
    </>
  );
}

function ProjectForm({
  ps,
  row,
  onClose,
}: {
  ps: PerimeterServices;
  row: ProjectRow;
  onClose: (saved: boolean) => void;
}) {
  const [values, setValues] = useState<ProjectFieldValues>({
    name: row.project.name,
    nextStep: row.project.nextStep,
    nextStepDate: row.project.nextStepDate ?? '',
  });
  const form = useSubmit(
    () =>
      ps.commands.updateProject(row.key, {
        name: values.name,
        nextStep: values.nextStep,
        nextStepDate: values.nextStepDate || null,
      }),
    () => onClose(true),
  );
  const id = `edit-${row.key.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <form
      ref={form.formRef}
      class="cafe-group"
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{isolate(tc('cafe.projects.edit.title'), { name: row.project.name })}</h3>
      <ErrorSummary items={projectSummaryItems(form.errors, id)} />
      <ProjectFields
        id={id}
        values={values}
        set={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
        errors={form.errors}
      />
      <div class="button-row">
        <button type="submit" class="btn btn-primary" disabled={form.busy}>
          {tc('cafe.projects.save')}
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => onClose(false)}>
          {tc('cafe.projects.close')}
        </button>
      </div>
    </form>
  );
}

/** The participants, each with « Retirer », and a household of the perimeter to add. */
function Participants({
  ps,
  row,
  names,
}: {
  ps: PerimeterServices;
  row: ProjectRow;
  names: ReadonlyMap<string, string>;
}) {
  const [adding, setAdding] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const set = async (householdId: string, member: boolean) => {
    setBusy(true);
    const result = await ps.commands.setMembership(row.key, householdId, member).catch(commandFailed<null>);
    setBusy(false);
    setError(result.ok ? undefined : result.errors[0]?.code);
    if (result.ok && member) setAdding('');
  };
  const members = new Set(row.members);
  const others = [...names]
    .filter(([id]) => !members.has(id))
    .sort(([, a], [, b]) => a.localeCompare(b, 'fr'))
    .map(([id, name]) => [id, name] as const);
  const id = `members-${row.key.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <>
      <Alert code={error} />
      <ul class="cafe-members">
        {row.members.map((householdId) => (
          <li key={householdId}>
            <bdi>{names.get(householdId) ?? ''}</bdi>{' '}
            <button
              type="button"
              class="btn btn-quiet"
              disabled={busy}
              onClick={() => void set(householdId, false)}
            >
              {tc('cafe.projects.remove')}
              <span class="sr-only">
                {' : '}
                <bdi>{names.get(householdId) ?? ''}</bdi>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <form
          class="cafe-add-member"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (adding) void set(adding, true);
            else setError('required');
          }}
        >
          <SelectField
            id={id}
            label={tc('cafe.projects.add')}
            value={adding}
            options={others}
            onChange={setAdding}
          />
          <button type="submit" class="btn btn-secondary" disabled={busy}>
            {tc('cafe.projects.add.do')}
          </button>
        </form>
      )}
    </>
  );
}
