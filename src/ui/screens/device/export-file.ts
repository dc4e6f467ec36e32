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

export const MIN_PASSPHRASE = 8;
