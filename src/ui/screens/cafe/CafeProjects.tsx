import { useState } from 'preact/hooks';
import type { FieldError } from '../../../domain/errors';
import { tc, tcp } from '../../../i18n/cafe';
import { commandFailed } from '../../command-failure';
import { ErrorSummary } from '../../components/ErrorSummary';
import { KeptFormNote } from '../../components/KeptFormNote';
import { useKeptForm } from '../../hooks/useKeptForm';
import { isolate } from '../../isolate';
import type { EffectiveCatalogue, PerimeterServices } from '../../services';
import { ProjectEdit, type ProjectRow } from './ProjectEdit';
import { ProjectFields, ProjectHeadline, projectSummaryItems } from './ProjectFields';

type Project = ProjectRow;

/**
 * The micro-projects, and the collective ideas whose group is big enough to start one: a name,
 * the group's members as participants, the next step and its date; each project's name, next step,
 * date and participants can be changed (ProjectEdit.tsx).
 */
export function CafeProjects({
  ps,
  board,
  names,
  catalogue,
}: {
  ps: PerimeterServices;
  board: { projects: readonly Project[]; groups: readonly { ideaId: string; members: string[] }[] };
  names: ReadonlyMap<string, string>;
  catalogue: EffectiveCatalogue;
}) {
  const title = (ideaId: string) => catalogue.ideas.find((idea) => idea.id === ideaId)?.title ?? ideaId;
  const started = new Set(board.projects.map((p) => p.project.ideaId));
  const groups = board.groups.filter((g) => !started.has(g.ideaId));
  return (
    <section class="card" aria-labelledby="cafe-projects">
      <h2 id="cafe-projects">{tc('cafe.projects.title')}</h2>
      {board.projects.length === 0 && <p>{tc('cafe.projects.none')}</p>}
      <ul class="cafe-projects">
        {board.projects.map((p) => (
          <li key={p.key}>
            <ProjectHeadline project={p.project} />
            <p>{tc('cafe.projects.members')} :</p>
            <ProjectEdit ps={ps} row={p} names={names} />
          </li>
        ))}
      </ul>
      {groups.map((group) => (
        <StartProject key={group.ideaId} ps={ps} group={group} idea={title(group.ideaId)} />
      ))}
    </section>
  );
}

function StartProject({
  ps,
  group,
  idea,
}: {
  ps: PerimeterServices;
  group: { ideaId: string; members: string[] };
  idea: string;
}) {
  // Kept on the tablet, per collective idea, until the project is started (useKeptForm).
  const kept = useKeptForm(ps.keptForm, `project/${group.ideaId}`, {
    name: idea,
    nextStep: '',
    nextStepDate: '',
  });
  const { name, nextStep, nextStepDate } = kept.fields;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const id = `project-${group.ideaId}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await ps.commands
      .createProject(
        { ownerId: null, name, ideaId: group.ideaId, nextStep, nextStepDate: nextStepDate || null },
        group.members,
      )
      .catch(commandFailed<string>);
    if (result.ok) await kept.clear();
    setBusy(false);
    setErrors(result.ok ? [] : result.errors);
  };
  return (
    <form class="cafe-group" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {isolate(tc('cafe.projects.group', { count: group.members.length }), { idea })}
      </h3>
      <p>{tcp('cm.projects.members', group.members.length)}</p>
      <KeptFormNote kept={kept} />
      <ErrorSummary
        refused={errors.length > 0 ? errors : undefined}
        items={projectSummaryItems(errors, id)}
      />
      <ProjectFields
        id={id}
        values={kept.fields}
        set={(field, value) => kept.set(field, value)}
        errors={errors}
      />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {tc('cafe.projects.create')}
        <span class="sr-only">
          {' : '}
          <bdi>{idea}</bdi>
        </span>
      </button>
    </form>
  );
}
