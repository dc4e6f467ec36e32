import { useMemo } from 'preact/hooks';
import { type ReportPeriod, parsePeriod } from '../../../domain/report-period';
import { td } from '../../../i18n/dashboard';
import { Loading } from '../../components/Loading';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';
import { DashboardFiguresView, dayLabel } from './DashboardFigures';
import { PeriodFigures } from './PeriodFigures';
import { perimeterToday, periodProblemText } from './period';
import './dashboard.css';

interface Props {
  ps: PerimeterServices;
  /** The period's bounds as the address gives them: read here (domain/report-period.ts). */
  from: string;
  to: string;
}

/**
 * The impact report (issue 13, must-have 2): the perimeter's figures and charts for a period on
 * one A4 page (dashboard.css: `@page` A4 and the print rules), for the association's annual
 * report and its funders, printed with the browser's own dialog. An address whose period
 * `parsePeriod` refuses gets the reasons and a way back to the dashboard's form, never figures.
 */
export function ImpactReport({ ps, from, to }: Props) {
  const parsed = useMemo(() => parsePeriod(from, to), [from, to]);
  if (!parsed.ok) {
    return (
      <>
        <Title>{td('report.bad.title')}</Title>
        <p>{td('report.bad.intro')}</p>
        <ul>
          {parsed.problems.map((problem, i) => (
            <li key={i}>
              {problem.bound === 'both'
                ? periodProblemText(problem)
                : td(problem.bound === 'from' ? 'report.bad.from' : 'report.bad.to', {
                    problem: periodProblemText(problem),
                  })}
            </li>
          ))}
        </ul>
        <p>
          <a class="btn btn-primary" href={href({ name: 'dashboard' })}>
            {td('report.bad.back')}
          </a>
        </p>
      </>
    );
  }
  return <Report ps={ps} period={parsed.period} />;
}

function Report({ ps, period }: { ps: PerimeterServices; period: ReportPeriod }) {
  const figures = useLive(() => ps.queries.dashboard(period), [ps, period]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  if (!figures || !catalogue) return <Loading />;
  return (
    <div class="dash-report">
      <p class="no-print button-row">
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          <span aria-hidden="true">🖨️ </span>
          {td('report.print')}
        </button>
        <a class="btn btn-secondary" href={href({ name: 'dashboard' })}>
          {td('report.back')}
        </a>
      </p>
      <Title>
        {td('report.title')}
        {perimeter && (
          <>
            {' '}
            — <bdi>{perimeter.name}</bdi>
          </>
        )}
      </Title>
      <p class="lead dash-report-period">
        {period.from === period.to
          ? td('report.period.day', { day: dayLabel(period.from) })
          : td('report.period', { from: dayLabel(period.from), to: dayLabel(period.to) })}
      </p>
      <PeriodFigures period={period} figures={figures}>
        <DashboardFiguresView figures={figures} catalogue={catalogue} names={new Map()} report />
      </PeriodFigures>
      <p class="dash-muted">{td('report.made', { date: dayLabel(perimeterToday(Date.now())) })}</p>
    </div>
  );
}
