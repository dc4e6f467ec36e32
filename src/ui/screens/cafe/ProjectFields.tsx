import type { FieldError } from '../../../domain/errors';
import { formatDate } from '../../../i18n';
import { tc } from '../../../i18n/cafe';
import { FieldErrorText } from '../../components/FieldErrorText';
import { TextField } from '../../components/TextField';
import { describedBy, errorFor, errorId, summaryItems } from '../../form-errors';
import { isolate } from '../../isolate';

/** What a micro-project's form holds as typed: dates as YYYY-MM-DD, '' when none. */
export interface ProjectFieldValues {
  name: string;
  nextStep: string;
  nextStepDate: string;
}

/**
 * The error summary's lines for a project form whose fields' ids start with `id` (the same ids
 * ProjectFields gives them), in the fields' order.
 */
export function projectSummaryItems(errors: FieldError[], id: string) {
  return summaryItems(errors, {
    name: { id: `${id}-name`, label: tc('cafe.projects.name') },
    nextStep: { id: `${id}-step`, label: tc('cafe.projects.next-step') },
    nextStepDate: { id: `${id}-date`, label: tc('cafe.projects.next-date') },
  });
}

/**
 * A micro-project's name, next step and the step's date, each with its error beside it: the same
 * fields when a project is started from a collective idea (CafeProjects.tsx) and when it is
 * changed (ProjectEdit.tsx). `set` receives one field's new text.
 */
export function ProjectFields({
  id,
  values,
  set,
  errors,
}: {
  id: string;
  values: ProjectFieldValues;
  set: (field: keyof ProjectFieldValues, value: string) => void;
  errors: FieldError[];
}) {
  const errorOf = (field: string) => errorFor(errors, field);
  const dateError = errorOf('nextStepDate');
  return (
    <>
      <TextField
        id={`${id}-name`}
        label={tc('cafe.projects.name')}
        value={values.name}
        onInput={(value) => set('name', value)}
        error={errorOf('name')}
      />
      <TextField
        id={`${id}-step`}
        label={tc('cafe.projects.next-step')}
        value={values.nextStep}
        onInput={(value) => set('nextStep', value)}
        optional
        error={errorOf('nextStep')}
      />
      <div class="field">
        <label for={`${id}-date`}>{tc('cafe.projects.next-date')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={values.nextStepDate}
          aria-invalid={dateError ? 'true' : undefined}
          aria-describedby={describedBy(`${id}-date`, false, dateError)}
          onInput={(e) => set('nextStepDate', e.currentTarget.value)}
        />
        <FieldErrorText id={errorId(`${id}-date`)} code={dateError} />
      </div>
    </>
  );
}

/**
 * A micro-project as its participants and the facilitator read it: its name, then its next step
 * and the step's date when it has them (a date as YYYY-MM-DD, said in French words).
 */
export function ProjectHeadline({
  project,
}: {
  project: { name: string; nextStep: string; nextStepDate: string | null };
}) {
  return (
    <>
      <p>
        <strong>
          <bdi>{project.name}</bdi>
        </strong>
      </p>
      {project.nextStep && <p>{isolate(tc('cm.projects.next'), { step: project.nextStep })}</p>}
      {project.nextStepDate && <p>{tc('cm.projects.when', { date: formatDate(project.nextStepDate) })}</p>}
    </>
  );
}
