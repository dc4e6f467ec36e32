import { useMemo, useState } from 'preact/hooks';
import type { CsvSeparator } from '../../../domain/csv-export';
import { td } from '../../../i18n/dashboard';
import { Loading } from '../../components/Loading';
import { Title } from '../../components/Title';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import type { PerimeterServices } from '../../services';
import { DashboardFiguresView } from './DashboardFigures';
import { lastTwelveMonths } from './period';
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
  const [period, setPeriod] = useState(() => lastTwelveMonths(new Date()));
  const figures = useLive(() => ps.queries.dashboard(period), [ps, period.from, period.to]);
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  const households = useLive(() => ps.queries.households(), [ps]);
  const names = useMemo(() => new Map((households ?? []).map((h) => [h.id, h.name])), [households]);
  const setBound = (bound: 'from' | 'to') => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    // An emptied or half-typed date keeps the last whole one.
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setPeriod((p) => ({ ...p, [bound]: value }));
  };

  return (
    <>
      <Title>{td('dash.title')}</Title>
      <p class="lead">{td('dash.intro')}</p>
      <fieldset class="card dash-period">
        <legend>{td('dash.period')}</legend>
        <label>
          {td('dash.from')}{' '}
          <input type="date" name="from" value={period.from} max={period.to} onChange={setBound('from')} />
        </label>
        <label>
          {td('dash.to')}{' '}
          <input type="date" name="to" value={period.to} min={period.from} onChange={setBound('to')} />
        </label>
        <a class="btn btn-secondary" href={href({ name: 'impact-report', ...period })}>
          <span aria-hidden="true">🖨️ </span>
          {td('dash.report.open')}
        </a>
      </fieldset>
      {!figures || !catalogue ? (
        <Loading />
      ) : (
        <DashboardFiguresView figures={figures} catalogue={catalogue} names={names} />
      )}
      {catalogue && <CsvExport ps={ps} themeTitles={new Map(catalogue.themes.map((t) => [t.id, t.title]))} />}
    </>
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
      for (const file of files) download(file.name, file.text);
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
            {td(label)}
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
        {td('dash.csv.contacts')}
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
        {state.kind === 'done' && td('dash.csv.done', { count: state.count })}
        {state.kind === 'failed' && td('dash.csv.failed')}
      </p>
    </section>
  );
}

/**
 * Hands one file to the browser's downloads. A Blob encodes the text as UTF-8, byte-order mark
 * included (csv-export.ts `BOM`).
 */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is released once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
