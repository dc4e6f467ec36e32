/**
 * The dashboard's charts, drawn from the figures by this code: bars as HTML boxes whose width is
 * the value's share of the largest (they follow the text size and wrap on a narrow screen), lines
 * as an SVG polyline per series, stretched to the width (the strokes keep their thickness and
 * dashes: `vector-effect`). Each chart is hidden from screen readers and followed by its
 * data as a real table with a caption (WCAG 2.2 SC 1.1.1, non-text content), in a <details> so
 * the screen stays short; the printed report shows the charts only.
 */
import type { ComponentChildren } from 'preact';
import { td } from '../../../i18n/dashboard';

/** One row of a bar chart: its label and one value per series. */
export interface BarRow {
  key: string;
  label: ComponentChildren;
  values: number[];
}

interface BarChartProps {
  caption: string;
  /** The first column's heading, then one per series. */
  columns: [string, ...string[]];
  rows: BarRow[];
  /** False when the section's heading already says the caption (the table keeps it). */
  showCaption?: boolean;
  /** A fuller table to show instead of the bars' own (its caption the same). */
  dataTable?: ComponentChildren;
}

/** Series are told apart by pattern as well as colour (WCAG 1.4.1, use of colour). */
const SERIES_CLASS = ['chart-s0', 'chart-s1', 'chart-s2'];

/** Horizontal bars, one group per row, with its data table. */
export function BarChart({ caption, columns, rows, dataTable, showCaption = true }: BarChartProps) {
  const series = columns.slice(1);
  const max = Math.max(1, ...rows.flatMap((row) => row.values));
  return (
    <figure class="chart">
      {showCaption && <figcaption class="chart-caption">{caption}</figcaption>}
      {series.length > 1 && <Legend series={series} />}
      <ul class="chart-bars" aria-hidden="true">
        {rows.map((row) => (
          <li key={row.key}>
            <span class="chart-label">{row.label}</span>
            <span class="chart-bar-group">
              {row.values.map((value, i) => (
                <span key={i} class="chart-bar-line">
                  <span
                    class={`chart-bar ${SERIES_CLASS[i] ?? ''}`}
                    style={{ width: `${(value / max) * 100}%` }}
                  />
                  <span class="chart-value">{value}</span>
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
      {dataTable ?? (
        <DataTable caption={caption} columns={columns} rows={rows.map((row) => [row.label, ...row.values])} />
      )}
    </figure>
  );
}

interface LineChartProps {
  caption: string;
  /** The x axis's labels, in order (months). */
  points: { key: string; label: string }[];
  /** One polyline per series, values in `points`'s order. */
  series: { name: string; values: number[] }[];
  /** The first column's heading in the data table. */
  xHeading: string;
  /** False when the section's heading already says the caption (the table keeps it). */
  showCaption?: boolean;
}

const WIDTH = 600;
const HEIGHT = 200;
const PAD = 8;

/** Lines over months, with a legend, the axis's first and last labels, and its data table. */
export function LineChart({ caption, points, series, xHeading, showCaption = true }: LineChartProps) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) =>
    PAD + (points.length <= 1 ? (WIDTH - 2 * PAD) / 2 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (value: number) => HEIGHT - PAD - (value / max) * (HEIGHT - 2 * PAD);
  return (
    <figure class="chart">
      {showCaption && <figcaption class="chart-caption">{caption}</figcaption>}
      <Legend series={series.map((s) => s.name)} />
      <div aria-hidden="true">
        <p class="chart-axis">{td('dash.links.max', { count: max })}</p>
        <svg
          class="chart-lines"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="presentation"
          focusable="false"
        >
          <line class="chart-grid" x1={PAD} x2={WIDTH - PAD} y1={y(0)} y2={y(0)} />
          <line class="chart-grid" x1={PAD} x2={WIDTH - PAD} y1={y(max)} y2={y(max)} />
          {series.map((s, i) => (
            <g key={s.name} class={SERIES_CLASS[i]}>
              <polyline points={s.values.map((value, j) => `${x(j)},${y(value)}`).join(' ')} />
            </g>
          ))}
        </svg>
        {points.length > 0 && (
          <p class="chart-axis chart-axis-x">
            <span>{points[0]!.label}</span>
            {points.length > 1 && <span>{points[points.length - 1]!.label}</span>}
          </p>
        )}
      </div>
      <DataTable
        caption={caption}
        columns={[xHeading, ...series.map((s) => s.name)]}
        rows={points.map((point, j) => [point.label, ...series.map((s) => s.values[j] ?? 0)])}
      />
    </figure>
  );
}

function Legend({ series }: { series: string[] }) {
  return (
    <ul class="chart-legend" aria-hidden="true">
      {series.map((name, i) => (
        <li key={name}>
          <span class={`chart-swatch ${SERIES_CLASS[i] ?? ''}`} />
          {name}
        </li>
      ))}
    </ul>
  );
}

/** A chart's data as a table (the text alternative), in a <details> except in print. */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: ComponentChildren[][];
}) {
  return (
    <details class="chart-data no-print">
      <summary>{td('dash.table')}</summary>
      {/* Explicit roles: in a narrow box the rows are laid out as blocks (dashboard.css), which
          may drop a table's native semantics in some browsers. */}
      <table role="table">
        <caption>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column, i) => (
              <th key={i} scope="col" role="columnheader">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row, r) => (
            <tr key={r} role="row">
              {row.map((cell, c) =>
                c === 0 ? (
                  <th key={c} scope="row" role="rowheader">
                    {cell}
                  </th>
                ) : (
                  <td key={c} role="cell" data-label={columns[c]}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
