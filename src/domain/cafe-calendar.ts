/**
 * A café as an iCalendar event (RFC 5545), for "Ajouter à mon agenda" on a resident's phone: one
 * VCALENDAR holding one VEVENT, written in the standard format directly (a dozen properties do not
 * justify a dependency; tests/unit/domain/cafe-calendar.test.ts reads it back with ical.js).
 *
 * Times are "floating" (RFC 5545 §3.3.5, form #1: no `Z`, no TZID): a café happens at the
 * perimeter's local time, which is the resident's phone's, and the document keeps it that way
 * (cafe-queries.ts nextCafe). The UID stays the same for a café, and SEQUENCE follows its last
 * change, so a calendar that imports the file again updates the event rather than adding one.
 */
import type { Cafe } from './schemas';

/** What the event says beside the café's own fields. */
export interface CafeEventText {
  /** The event's title, e.g. "Café-Rencontre : Se déplacer". */
  summary: string;
  /** Appended to the café's word of welcome, e.g. the perimeter's name. */
  description: string;
  /** The perimeter's id: with the café's id, the event's UID (RFC 5545 §3.8.4.7). */
  perimeterId: string;
  /** When the file is made, ISO 8601 UTC (DTSTAMP). */
  now: string;
}

/** The .ics text (CRLF line ends, lines folded at 75 octets) of `cafe`. */
export function cafeEvent(
  cafe: Pick<Cafe, 'id' | 'date' | 'start' | 'end' | 'place' | 'welcome' | 'state' | 'updatedAt'>,
  text: CafeEventText,
): string {
  const description = [cafe.welcome, text.description].filter((part) => part.trim() !== '').join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tissage//Cafe-Rencontre//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${cafe.id}@${text.perimeterId}.tissage`,
    `DTSTAMP:${utcStamp(text.now)}`,
    // Seconds since the epoch of the café's last change, over 2^31 only after 2038: a calendar
    // keeps the copy with the highest SEQUENCE.
    `SEQUENCE:${Math.floor(Date.parse(cafe.updatedAt) / 1000) % 2 ** 31}`,
    `DTSTART:${floating(cafe.date, cafe.start)}`,
    `DTEND:${floating(cafe.date, cafe.end)}`,
    `SUMMARY:${escapeText(text.summary)}`,
    `LOCATION:${escapeText(cafe.place)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    `STATUS:${cafe.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** 'YYYY-MM-DD' + 'HH:MM' as a floating DATE-TIME (§3.3.5): 'YYYYMMDDTHHMM00'. */
const floating = (date: string, time: string) => `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;

/** An ISO 8601 UTC time as a UTC DATE-TIME (§3.3.5 form #2): 'YYYYMMDDTHHMMSSZ'. */
function utcStamp(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** TEXT escaping (§3.3.11): backslash, semicolon, comma, and line breaks as `\n`. */
function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (§3.1), continuation lines starting with one space, never
 * inside a UTF-8 character (a café's place may be "Place de l’Église").
 */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
