import { useRef, useState } from 'preact/hooks';
import type { ErrorCode } from '../../../domain/errors';
import { tc, tcp } from '../../../i18n/cafe';
import { commandFailed } from '../../command-failure';
import { Alert } from '../../components/Alert';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';
import { ProjectHeadline } from './ProjectFields';

/** A household's micro-project as its phone lists it (workspace cafe-services.ts householdCafe). */
interface MyProject {
  key: string;
  project: { name: string; nextStep: string; nextStepDate: string | null };
  members: readonly string[];
}

/**
 * « Mes projets avec les voisins » on a household's café page: each project it takes part in, its
 * next step and date, how many take part, and « Quitter ce projet » (its own membership record,
 * domain cafe-commands.ts leaveProject). A project left goes from the list; the message saying so
 * stays in the section, which takes focus so that it is heard and seen where the button was.
 */
export function MyProjects({
  ps,
  householdId,
  projects,
}: {
  ps: PerimeterServices;
  householdId: string;
  projects: readonly MyProject[];
}) {
  const [left, setLeft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode>();
  const heading = useRef<HTMLHeadingElement>(null);
  const leave = async (project: MyProject) => {
    setBusy(true);
    const result = await ps.commands
      .setMembership(project.key, householdId, false)
      .catch(commandFailed<null>);
    setBusy(false);
    setError(result.ok ? undefined : result.errors[0]?.code);
    if (!result.ok) return;
    setLeft(project.project.name);
    heading.current?.focus();
  };
  return (
    <section class="card" aria-labelledby="my-cafe-projects">
      <h2 id="my-cafe-projects" tabIndex={-1} ref={heading}>
        {tc('cm.projects.title')}
      </h2>
      <p role="status">{left && isolate(tc('cm.projects.left'), { name: left })}</p>
      <Alert code={error} />
      {projects.length === 0 && <p>{tc('cm.projects.none')}</p>}
      <ul class="cafe-projects">
        {projects.map((p) => (
          <li key={p.key}>
            <ProjectHeadline project={p.project} />
            <p>{tcp('cm.projects.members', p.members.length)}</p>
            <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => void leave(p)}>
              {tc('cm.projects.leave')}
              <span class="sr-only">
                {' : '}
                <bdi>{p.project.name}</bdi>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
