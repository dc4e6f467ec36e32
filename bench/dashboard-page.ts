/**
 * The page side of bench/dashboard.ts: bundled for the browser by Vite, it loads a perimeter's
 * document into memory as the app holds it and times the dashboard's figures and the CSV export
 * in the page (Papa Parse as Vite bundles it for the app).
 */
import type * as Y from 'yjs';
import type { Catalogue } from '../src/domain';
import { exportCsv } from '../src/domain/csv-export';
import { dashboardFigures } from '../src/domain/dashboard';
import type { PerimeterDoc } from '../src/sync/perimeter-doc';
import { YEAR, csvSourceOf, inputOf } from './dashboard-input';
import { loadPerimeter } from './page-perimeter';

export interface DashboardPage {
  load(update: string, catalogue: Catalogue): void;
  /** Milliseconds of the year's figures, the document's indexes built in the run. */
  figures(): number;
  /** Milliseconds of the five CSV files' text. */
  csv(): number;
}

let doc: Y.Doc | undefined;
let view: PerimeterDoc | undefined;
let titles: Map<string, string> | undefined;

const timed = (run: () => unknown) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

const page: DashboardPage = {
  load(update, catalogue) {
    ({ ydoc: doc, doc: view } = loadPerimeter(update, catalogue));
    titles = new Map(catalogue.themes.map((theme) => [theme.id, theme.title]));
  },
  figures: () => timed(() => dashboardFigures(inputOf(doc!, view!), YEAR)),
  csv: () => timed(() => exportCsv(csvSourceOf(doc!, view!, titles!))),
};

(globalThis as { benchDashboard?: DashboardPage }).benchDashboard = page;
