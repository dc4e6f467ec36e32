/** The export file's name: `tissage-<perimeter>-<yyyy-mm-dd>.tissage.json`, in this tablet's calendar. */
export function exportFileName(perimeterName: string, now: Date = new Date()): string {
  const slug =
    perimeterName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'perimetre';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `tissage-${slug}-${day}.tissage.json`;
}

/** Hands a file to the browser's downloads, from memory. */
export function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns: let go of it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const MIN_PASSPHRASE = 8;
