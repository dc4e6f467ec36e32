import { useMemo, useState } from 'preact/hooks';
import type { CsvSeparator } from '../../../domain/csv-export';
import {
  PERIOD_YEARS,
  type PeriodProblem,
  type ReportPeriod,
  parsePeriod,
} from '../../../domain/report-period';
import { td, tdp } from '../../../i18n/dashboard';
import { FieldErrorText } from '../../components/FieldErrorText';
import { Loading } from '../../components/Loading';
import { Title } from '../../components/Title';
import { downloadFile } from '../../download';
import { errorId } from '../../form-errors';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';
import { DashboardFiguresView, dayLabel } from './DashboardFigures';
import { PeriodFigures } from './PeriodFigures';
import { lastTwelveMonths, periodProblemText } from './period';
import './dashboard.css';

interface Props {
  ps: PerimeterServices;
}

/**
 * The facilitators' dashboard (issue 13, must-have 1): the perimeter's figures for a period
 * (default the last 12 months), computed on this tablet from the document in memory, so offline
 * too; a link to the printable impact report for the same period; the CSV export.
 */
export function Dashboard({ ps }: Props) {
  const [period, setPeriod] = useState(() => lastTwelveMonths(Date.now()));
  const figures = useLive(() => ps.queries.dashboard(period), [ps, period.from, period.to]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  const names = useMemo(() => new Map((households ?? []).map((h) => [h.id, h.name])), [households]);

  return (
    <>
      <Title>{td('dash.title')}</Title>
      <p class="lead">{td('dash.intro')}</p>
      <PeriodForm period={period} onPeriod={setPeriod} />
      {!figures || !catalogue ? (
        <Loading />
      ) : (
        <PeriodFigures period={period} figures={figures}>
          <DashboardFiguresView figures={figures} catalogue={catalogue} names={names} />
        </PeriodFigures>
      )}
      {catalogue && <CsvExport ps={ps} themeTitles={new Map(catalogue.themes.map((t) => [t.id, t.title]))} />}
    </>
  );
}

/**
 * The period's two dates. Each change is read by domain/report-period.ts `parsePeriod`: a period
 * it accepts becomes the shown one; one it refuses is said beside the date just changed, and the
 * figures, the report's link and `period` stay those of the last accepted period (said in words
 * too, so that no one reads old figures as the new period's).
 */
function PeriodForm({
  period,
  onPeriod,
}: {
  period: ReportPeriod;
  onPeriod: (period: ReportPeriod) => void;
}) {
  const [typed, setTyped] = useState(period);
  const [problems, setProblems] = useState<PeriodProblem[]>([]);
  const [edited, setEdited] = useState<'from' | 'to'>('to');
  const setBound = (bound: 'from' | 'to') => (event: Event) => {
    const next = { ...typed, [bound]: (event.currentTarget as HTMLInputElement).value };
    const parsed = parsePeriod(next.from, next.to);
    setTyped(next);
    setEdited(bound);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (parsed.ok) onPeriod(parsed.period);
  };
  // A problem of the whole period is shown beside the date just changed.
  const problemsOf = (bound: 'from' | 'to') =>
    problems.filter((p) => p.bound === bound || (p.bound === 'both' && bound === edited));
  const field = (bound: 'from' | 'to') => {
    const id = `dash-period-${bound}`;
    const mine = problemsOf(bound);
    return (
      <div class="dash-period-field">
        <label for={id}>{td(bound === 'from' ? 'dash.from' : 'dash.to')}</label>
        <input
          id={id}
          type="date"
          name={bound}
          value={typed[bound]}
          // The date picker offers the years the period may take; a typed one is checked above.
          min={`${PERIOD_YEARS.first}-01-01`}
          max={`${PERIOD_YEARS.last}-12-31`}
          aria-invalid={mine.length > 0 ? 'true' : undefined}
          aria-describedby={mine.length > 0 ? errorId(id) : undefined}
          onChange={setBound(bound)}
        />
        <FieldErrorText id={errorId(id)} message={mine.map(periodProblemText).join(' ') || undefined} />
      </div>
    );
  };
  return (
    <fieldset class="card dash-period">
      <legend>{td('dash.period')}</legend>
      {field('from')}
      {field('to')}
      <a class="btn btn-secondary" href={href({ name: 'impact-report', ...period })}>
        <span aria-hidden="true">🖨️ </span>
        {td('dash.report.open')}
      </a>
      {/* Said as it appears: the date's field keeps the focus while its refusal is written. */}
      <p class="dash-period-kept" role="status">
        {problems.length > 0 && (
          <>
            {/* Seen beside its field already; read here with what stays. */}
            <span class="sr-only">{problems.map(periodProblemText).join(' ')} </span>
            {td('dash.period.kept', { from: dayLabel(period.from), to: dayLabel(period.to) })}
          </>
        )}
      </p>
    </fieldset>
  );
}

type ExportState =
  { kind: 'idle' } | { kind: 'preparing' } | { kind: 'done'; count: number } | { kind: 'failed' };

function CsvExport({ ps, themeTitles }: { ps: PerimeterServices; themeTitles: ReadonlyMap<string, string> }) {
  const [separator, setSeparator] = useState<CsvSeparator>(';');
  const [contacts, setContacts] = useState(false);
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'preparing' });
    try {
      const files = await ps.commands.exportCsv({ separator, contacts, themeTitles });
      // A Blob keeps the text's byte-order mark (csv-export.ts `BOM`), which spreadsheets read as UTF-8.
      for (const file of files) downloadFile(file.name, file.text, 'text/csv;charset=utf-8');
      setState({ kind: 'done', count: files.length });
    } catch {
      setState({ kind: 'failed' });
    }
  };
  return (
    <section class="card dash-section dash-csv" aria-labelledby="dash-csv">
      <h2 id="dash-csv">{td('dash.csv.title')}</h2>
      <p>{td('dash.csv.intro')}</p>
      <fieldset>
        <legend>{td('dash.csv.separator')}</legend>
        {(
          [
            [';', 'dash.csv.semicolon'],
            [',', 'dash.csv.comma'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} class="dash-choice">
            <input
              type="radio"
              name="separator"
              value={value}
              checked={separator === value}
              onChange={() => setSeparator(value)}
            />{' '}
            <span>{td(label)}</span>
          </label>
        ))}
      </fieldset>
      <label class="dash-choice">
        <input
          type="checkbox"
          name="contacts"
          checked={contacts}
          onChange={(event) => setContacts((event.currentTarget as HTMLInputElement).checked)}
        />{' '}
        <span>{td('dash.csv.contacts')}</span>
      </label>
      {contacts && <p class="dash-note">{td('dash.csv.contacts.note')}</p>}
      <p>
        <button
          type="button"
          class="btn btn-primary"
          onClick={() => void run()}
          disabled={state.kind === 'preparing'}
          aria-busy={state.kind === 'preparing'}
        >
          {state.kind === 'preparing' ? td('dash.csv.preparing') : td('dash.csv.download')}
        </button>
      </p>
      <p role="status">
        {state.kind === 'done' && tdp('dash.csv.done', state.count)}
        {state.kind === 'failed' && td('dash.csv.failed')}
      </p>
    </section>
  );
}
