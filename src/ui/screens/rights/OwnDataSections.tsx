import { answerLabel, languageName } from '../../../i18n';
import { type RightsKey, tr } from '../../../i18n/rights';
import { isolate } from '../../isolate';
import type { OwnDataView } from '../../services';
import { dayOf } from './download';

/**
 * Everything the document holds about a household, in words: its public profile, answers, choices
 * (its own and its neighbours' about it), café presences, projects and proposals. Each list is a
 * section with a heading, so a screen reader can jump from one to the next.
 */
export function OwnDataSections({ view, ownSpace }: { view: OwnDataView; ownSpace: boolean }) {
  const { data, ideas, names, cafes, projects } = view;
  // The household's own phone speaks as "I"; the tablet, for it, of "this household".
  const heading = (key: TitleKey): RightsKey => (ownSpace ? key : `${key}.for`);
  const idea = (id: string | null) => (id === null ? '' : (ideas[id] ?? tr('own.unknown.idea')));
  const name = (id: string) => names[id] ?? tr('own.unknown');
  const profile = data.profile;
  return (
    <>
      {profile && (
        <section class="card" aria-labelledby="own-profile">
          <h2 id="own-profile">{tr(heading('own.profile.title'))}</h2>
          <dl class="own-facts">
            <dt>{tr('own.profile.name')}</dt>
            <dd>
              <bdi>{profile.name}</bdi>
            </dd>
            <dt>{tr('own.profile.place')}</dt>
            <dd>
              <bdi>{profile.place}</bdi>
            </dd>
            {profile.languages.length > 0 && (
              <>
                <dt>{tr('own.profile.languages')}</dt>
                <dd>{profile.languages.map(languageName).join(', ')}</dd>
              </>
            )}
            <dt>{tr('own.profile.joined')}</dt>
            <dd>{dayOf(profile.joinedAt)}</dd>
            <dt>{tr(heading('own.profile.share'))}</dt>
            <dd>{tr(profile.consent.shareContact ? 'own.yes' : 'own.no')}</dd>
          </dl>
        </section>
      )}
      <Section id="own-answers" title={heading('own.answers.title')}>
        {data.answers.map((a) => (
          <li key={a.ideaId}>
            <bdi>{idea(a.ideaId)}</bdi> : {answerLabel(a.value)}
          </li>
        ))}
      </Section>
      <Section id="own-choices" title={heading('own.choices.title')}>
        {data.choices.map((c) => (
          <li key={`${c.otherId}/${c.ideaId}`}>
            {isolate(tr('own.choices.line', { value: tr(`own.choice.${c.value}`) }), {
              name: name(c.otherId),
              idea: idea(c.ideaId),
            })}
          </li>
        ))}
      </Section>
      <Section id="own-about" title={heading('own.choicesAboutIt.title')}>
        {data.choicesAboutIt.map((c) => (
          <li key={`${c.ownerId}/${c.ideaId}`}>
            {isolate(tr('own.choices.line', { value: tr(`own.choice.${c.value}`) }), {
              name: name(c.ownerId),
              idea: idea(c.ideaId),
            })}
          </li>
        ))}
      </Section>
      <Section id="own-cafes" title={heading('own.attendance.title')}>
        {data.attendance
          .filter((p) => p.present)
          .map((p) => {
            const cafe = cafes[p.cafeId];
            return (
              <li key={p.cafeId}>
                {cafe
                  ? isolate(tr('own.attendance.line', { date: dayOf(cafe.date) }), { place: cafe.place })
                  : dayOf(p.at)}
              </li>
            );
          })}
      </Section>
      <Section id="own-memberships" title={heading('own.memberships.title')}>
        {data.memberships
          .filter((m) => m.member)
          .map((m) => (
            <li key={m.projectKey}>
              <bdi>{projects[m.projectKey] ?? m.projectKey}</bdi>
            </li>
          ))}
      </Section>
      {data.projects.length > 0 && (
        <Section id="own-projects" title={heading('own.projects.title')}>
          {data.projects.map((p) => (
            <li key={p.projectId}>
              <bdi>{p.name}</bdi>
            </li>
          ))}
        </Section>
      )}
      {data.proposals.length > 0 && (
        <Section id="own-proposals" title={heading('own.proposals.title')}>
          {data.proposals.map((p) => (
            <li key={p.proposalId}>
              <bdi>{p.title}</bdi>
            </li>
          ))}
        </Section>
      )}
    </>
  );
}

/** The keys that have a third-person twin (`<key>.for`) for the tablet. */
type TitleKey = {
  [K in RightsKey]: `${K}.for` extends RightsKey ? K : never;
}[RightsKey];

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: RightsKey;
  children: preact.ComponentChildren[];
}) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{tr(title)}</h2>
      {children.length > 0 ? <ul class="own-list">{children}</ul> : <p class="muted">{tr('own.none')}</p>}
    </section>
  );
}
