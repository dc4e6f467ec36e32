/** Plain-text tables for the bench output: first column left-aligned, the figures right-aligned. */
export type Row = (string | number)[];

export function printTable(title: string, head: string[], rows: Row[]): void {
  const cells = [head, ...rows].map((row) => row.map(String));
  const widths = head.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('   ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(cells[0]!));
  console.log(widths.map((width) => '-'.repeat(width)).join('   '));
  for (const row of cells.slice(1)) console.log(line(row));
}

/** What the figures above mean, indented under their table. */
export function printNotes(lines: string[]): void {
  for (const line of lines) console.log(`  ${line}`);
}
