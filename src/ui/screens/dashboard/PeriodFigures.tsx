import type { ComponentChildren } from 'preact';
import type { DashboardFigures } from '../../../domain/dashboard';
import { type ReportPeriod, periodActivity } from '../../../domain/report-period';
import { td } from '../../../i18n/dashboard';
import { perimeterToday } from './period';

/**
 * The figures of a period, or, when it holds nothing, a plain sentence that says so rather than a
 * page of zeros (domain/report-period.ts `periodActivity`).
 */
export function PeriodFigures({
  period,
  figures,
  children,
}: {
  period: ReportPeriod;
  figures: DashboardFigures;
  children: ComponentChildren;
}) {
  const activity = periodActivity(period, figures, perimeterToday(Date.now()));
  if (activity === 'active') return <>{children}</>;
  return <p class="card dash-nothing">{td(`period.${activity}`)}</p>;
}
