import { useMemo } from 'preact/hooks';
import { td } from '../../../i18n/dashboard';
import { Loading } from '../../components/Loading';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';
import { DashboardFiguresView, dayLabel } from './DashboardFigures';
import { localDay } from './period';
import './dashboard.css';

interface Props {
  ps: PerimeterServices;
  /** The period, 'YYYY-MM-DD' both, included. */
  from: string;
  to: string;
}

/**
 * The impact report (issue 13, must-have 2): the perimeter's figures and charts for a period on
 * one A4 page (dashboard.css: `@page` A4 and the print rules), for the association's annual
 * report and its funders, printed with the browser's own dialog.
 */
export function ImpactReport({ ps, from, to }: Props) {
  const period = useMemo(() => ({ from, to }), [from, to]);
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
      <p class="lead">{td('report.period', { from: dayLabel(from), to: dayLabel(to) })}</p>
      <DashboardFiguresView figures={figures} catalogue={catalogue} names={new Map()} report />
      <p class="dash-muted">{td('report.made', { date: dayLabel(localDay(new Date())) })}</p>
    </div>
  );
}
