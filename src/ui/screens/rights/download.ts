import { formatDate } from '../../../i18n';

/** A moment (ISO 8601) as its calendar day on this device, in words: "mardi 3 juin". */
export function dayOf(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return formatDate(day);
}

/**
 * Hands `value` to the browser's downloads as a JSON file named `name` (UTF-8, indented, so a
 * person can read it too: GDPR art. 20 asks for a "structured, commonly used and machine-readable
 * format").
 */
export function downloadJson(name: string, value: unknown): void {
  const url = URL.createObjectURL(
    new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download started with the click; the URL is released once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
