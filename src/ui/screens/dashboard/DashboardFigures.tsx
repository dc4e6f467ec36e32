/**
 * The dashboard's figures as the screen and the printed impact report show them
 * (domain/dashboard.ts `DashboardFigures`): coverage per place, offers and wants per theme, the
 * one-sided ideas, links per month, cafés held and micro-projects. `report` keeps each list short
 * so that the whole fits one A4 page.
 */
import type { DashboardFigures, OneSidedIdea } from '../../../domain/dashboard';
import { td, tdp } from '../../../i18n/dashboard';
import type { EffectiveCatalogue } from '../../services';
import { BarChart, DataTable, LineChart } from './charts';

interface Props {
  figures: DashboardFigures;
  catalogue: EffectiveCatalogue;
  /** Household names by id (the projects' participants). */
  names: ReadonlyMap<string, string>;
  /** The one-page report: short lists, no participant names. */
  report?: boolean;
}

/** How many one-sided ideas and projects the report lists before saying how many more. */
const REPORT_LIST = 5;
/** How many places and cafés the report's charts show (the most households, the latest cafés). */
const REPORT_ROWS = 12;

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });

/** 'YYYY-MM' as "nov. 2026". */
export const monthLabel = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
/** 'YYYY-MM-DD' as "30 nov. 2026". */
export const dayLabel = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

export function DashboardFiguresView({ figures, catalogue, names, report = false }: Props) {
  const themeTitle = new Map(catalogue.themes.map((theme) => [theme.id, theme.title]));
  const ideaTitle = new Map(catalogue.ideas.map((idea) => [idea.id, idea.title]));
  const { coverage, links, cafes, projects } = figures;
  const share = Math.round(coverage.share * 100);
  const places = report
    ? [...coverage.places].sort((a, b) => b.households - a.households).slice(0, REPORT_ROWS)
    : coverage.places;
  const held = report ? cafes.held.slice(-REPORT_ROWS) : cafes.held;
  const noLinks = links.totals.asked + links.totals.agreed + links.totals.met === 0;
  // "No want without an offer" is only worth saying when some want or offer was said at all.
  const offers = figures.themes.reduce((sum, theme) => sum + theme.offers, 0);
  const wants = figures.themes.reduce((sum, theme) => sum + theme.wants, 0);
  const linksSection = (
    <section class="card dash-section dash-wide" aria-labelledby="dash-links">
      <h2 id="dash-links">{td('dash.links.title')}</h2>
      {/* At zero the totals and a flat chart (its scale says 1) would say less than one sentence. */}
      {noLinks ? (
        <p>{td('dash.links.none')}</p>
      ) : (
        <p class="dash-key">{td('dash.links.summary', links.totals)}</p>
      )}
      {!noLinks && links.months.length > 0 && (
        <LineChart
          showCaption={false}
          caption={td('dash.links.title')}
          xHeading={td('dash.links.month')}
          points={links.months.map((m) => ({ key: m.month, label: monthLabel(m.month) }))}
          series={[
            { name: td('dash.links.asked'), values: links.months.map((m) => m.asked) },
            { name: td('dash.links.agreed'), values: links.months.map((m) => m.agreed) },
            { name: td('dash.links.met'), values: links.months.map((m) => m.met) },
          ]}
        />
      )}
    </section>
  );
  return (
    <div class={report ? 'dash-figures dash-report-figures' : 'dash-figures'}>
      <section class="card dash-section" aria-labelledby="dash-coverage">
        <h2 id="dash-coverage">{td('dash.coverage.title')}</h2>
        <p class="dash-key">
          {td('dash.coverage.summary', {
            households: coverage.households,
            dwellings: coverage.dwellings,
            share,
          })}
        </p>
        <p>
          {coverage.signedUpInPeriod === 0
            ? td('dash.coverage.period.none')
            : tdp('dash.coverage.period', coverage.signedUpInPeriod)}
        </p>
        {coverage.places.length > 0 && (
          <BarChart
            caption={td('dash.coverage.chart')}
            columns={[td('dash.coverage.place'), td('dash.coverage.households')]}
            rows={places.map((place) => ({
              key: place.place,
              label: <bdi>{place.place}</bdi>,
              values: [place.households],
            }))}
          />
        )}
        {places.length < coverage.places.length && (
          <p>{tdp('report.more', coverage.places.length - places.length)}</p>
        )}
      </section>

      <section class="card dash-section" aria-labelledby="dash-themes">
        <h2 id="dash-themes">{td('dash.themes.title')}</h2>
        {figures.themes.length === 0 ? (
          <p>{td('dash.none')}</p>
        ) : (
          <BarChart
            showCaption={false}
            caption={td('dash.themes.title')}
            columns={[
              td('dash.themes.theme'),
              td('dash.themes.offers'),
              td('dash.themes.wants'),
              td('dash.themes.joins'),
            ]}
            rows={figures.themes.map((theme) => ({
              key: theme.themeId,
              label: <bdi>{themeTitle.get(theme.themeId) ?? theme.themeId}</bdi>,
              values: [theme.offers, theme.wants, theme.joins],
            }))}
          />
        )}
      </section>

      <OneSided
        id="dash-unmet"
        title={td('dash.unmet.title')}
        intro={td('dash.unmet.intro')}
        none={td(wants === 0 ? 'dash.unmet.empty' : 'dash.unmet.none')}
        ideas={figures.unmetWants}
        ideaTitle={ideaTitle}
        themeTitle={themeTitle}
        limit={report ? REPORT_LIST : undefined}
      />
      <OneSided
        id="dash-unwanted"
        title={td('dash.unwanted.title')}
        none={td(offers === 0 ? 'dash.unwanted.empty' : 'dash.unwanted.none')}
        ideas={figures.unwantedOffers}
        ideaTitle={ideaTitle}
        themeTitle={themeTitle}
        limit={report ? REPORT_LIST : undefined}
      />

      {!report && linksSection}

      <section class="card dash-section" aria-labelledby="dash-cafes">
        <h2 id="dash-cafes">{td('dash.cafes.title')}</h2>
        {cafes.held.length === 0 ? (
          <p>{td('dash.cafes.none')}</p>
        ) : (
          <>
            <p class="dash-key">
              {td('dash.cafes.summary', {
                count: cafes.held.length,
                presences: cafes.presences,
                attendees: cafes.attendees,
              })}
            </p>
            {cafes.held.some((cafe) => !cafe.marked) && <p>{td('dash.cafes.unmarked.note')}</p>}
            <BarChart
              showCaption={false}
              caption={td('dash.cafes.title')}
              columns={[td('dash.cafes.date'), td('dash.cafes.present')]}
              rows={held.map((cafe) => ({
                key: cafe.cafeId,
                label: (
                  <>
                    {dayLabel(cafe.date)} · <bdi>{cafe.place}</bdi>
                    {/* The report keeps each café to one line; the table says its theme. */}
                    {!report && (
                      <>
                        {' · '}
                        <bdi>{cafe.theme ? (themeTitle.get(cafe.theme) ?? cafe.theme) : cafe.localTheme}</bdi>
                      </>
                    )}
                  </>
                ),
                values: [cafe.present],
              }))}
              dataTable={
                <DataTable
                  caption={td('dash.cafes.title')}
                  columns={[
                    td('dash.cafes.date'),
                    td('dash.cafes.place'),
                    td('dash.cafes.theme'),
                    td('dash.cafes.present'),
                    td('dash.cafes.signedUp'),
                  ]}
                  rows={cafes.held.map((cafe) => [
                    cafe.marked
                      ? dayLabel(cafe.date)
                      : `${dayLabel(cafe.date)} (${td('dash.cafes.unmarked')})`,
                    <bdi key="p">{cafe.place}</bdi>,
                    <bdi key="t">
                      {cafe.theme ? (themeTitle.get(cafe.theme) ?? cafe.theme) : cafe.localTheme}
                    </bdi>,
                    cafe.present,
                    cafe.signedUpThere,
                  ])}
                />
              }
            />
            {held.length < cafes.held.length && <p>{tdp('report.more', cafes.held.length - held.length)}</p>}
          </>
        )}
      </section>

      <section class="card dash-section" aria-labelledby="dash-projects">
        <h2 id="dash-projects">{td('dash.projects.title')}</h2>
        {projects.list.length === 0 ? (
          <p>{td('dash.projects.none')}</p>
        ) : (
          <>
            <p class="dash-key">
              {td('dash.projects.summary', {
                count: projects.list.length,
                participants: projects.participants,
              })}
            </p>
            <ul class="dash-list">
              {(report ? projects.list.slice(0, REPORT_LIST) : projects.list).map((project) => (
                <li key={project.key}>
                  <strong>
                    <bdi>{project.name}</bdi>
                  </strong>{' '}
                  — {tdp('dash.households', project.members.length)}
                  {!report && project.members.length > 0 && (
                    <>
                      {' '}
                      :{' '}
                      {project.members.map((id, i) => (
                        <span key={id}>
                          {i > 0 && ', '}
                          <bdi>{names.get(id) ?? id}</bdi>
                        </span>
                      ))}
                    </>
                  )}
                </li>
              ))}
              {report && projects.list.length > REPORT_LIST && (
                <li>{tdp('report.more', projects.list.length - REPORT_LIST)}</li>
              )}
            </ul>
          </>
        )}
      </section>
      {/* In print the other sections flow in two balanced columns, the wide chart under them. */}
      {report && linksSection}
    </div>
  );
}

function OneSided({
  id,
  title,
  intro,
  none,
  ideas,
  ideaTitle,
  themeTitle,
  limit,
}: {
  id: string;
  title: string;
  intro?: string;
  none: string;
  ideas: OneSidedIdea[];
  ideaTitle: ReadonlyMap<string, string>;
  themeTitle: ReadonlyMap<string, string>;
  limit: number | undefined;
}) {
  // The report lists the ideas most households wait on.
  const shown =
    limit === undefined ? ideas : [...ideas].sort((a, b) => b.households - a.households).slice(0, limit);
  return (
    <section class="card dash-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="dash-count">({ideas.length})</span>
      </h2>
      {intro && ideas.length > 0 && <p>{intro}</p>}
      {ideas.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul class="dash-list">
          {shown.map((idea) => (
            <li key={idea.ideaId}>
              <bdi>{ideaTitle.get(idea.ideaId) ?? idea.ideaId}</bdi>{' '}
              <span class="dash-muted">
                (<bdi>{themeTitle.get(idea.themeId) ?? idea.themeId}</bdi>) —{' '}
                {tdp('dash.households', idea.households)}
              </span>
            </li>
          ))}
          {shown.length < ideas.length && <li>{tdp('report.more', ideas.length - shown.length)}</li>}
        </ul>
      )}
    </section>
  );
}
