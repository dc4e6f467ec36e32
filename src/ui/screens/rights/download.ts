import { tag } from '../../../i18n/fr';
import { downloadFile } from '../../download';

const dayFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A moment (ISO 8601 date-time) or a calendar day (YYYY-MM-DD, read in local time so the day does
 * not shift) as words with its year, "3 juin 2026": these screens look years back.
 */
export function dayOf(iso: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const at = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : dayFormat.format(at);
}

/**
 * Hands `value` to the browser's downloads as a JSON file named `name` (UTF-8, indented, so a
 * person can read it too: GDPR art. 20 asks for a "structured, commonly used and machine-readable
 * format").
 */
export function downloadJson(name: string, value: unknown): void {
  downloadFile(name, `${JSON.stringify(value, null, 2)}\n`, 'application/json;charset=utf-8');
}
