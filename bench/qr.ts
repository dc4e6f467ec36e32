/**
 * The meeting code's size (issue 11, must-have 6): the QR text's length, the QR version it needs
 * at error correction level M (as the app draws it, ui/components/meeting/MeetingCodeView.tsx),
 * and its side in modules, for 1, 5 and 20 ideas in common, with and without the contact card,
 * and at the limits (MAX_MEETING_IDEAS ideas, a MAX_MEETING_CARD_BYTES card). Aim: version 10 or
 * less, readable at arm's length off a phone screen. Pure computation: the figures do not vary
 * from run to run. Alone: `npx tsx bench/qr.ts`.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { encode } from 'uqr';
import catalogue from '../src/catalogue/catalogue.v1.json' with { type: 'json' };
import { systemEnv } from '../src/domain/env';
import {
  MAX_MEETING_CARD_BYTES,
  MAX_MEETING_IDEAS,
  type MeetingCard,
  newMeetingCode,
} from '../src/domain/meeting-code';
import { printNotes, printTable } from './table';

export const QR_VERSION_AIM = 10;

export interface QrFigure {
  ideas: number;
  card: 'none' | 'phone + e-mail' | 'largest';
  /** The QR text's length: characters, one byte each (all ASCII). */
  bytes: number;
  /** The smallest QR version holding it at level M. */
  version: number;
  /** Modules a side, quiet zone excluded. */
  modules: number;
}

const CARD: MeetingCard = { phone: '+33 6 12 34 56 78', email: 'claire.dubois@exemple-fournisseur.fr' };
/** The largest card a code takes: MAX_MEETING_CARD_BYTES bytes of phone, line feed and e-mail. */
const LARGEST: MeetingCard = {
  phone: '+33 6 12 34 56 78 90',
  email: `${'a'.repeat(MAX_MEETING_CARD_BYTES - 21 - '@exemple.fr'.length)}@exemple.fr`,
};

export function qrFigures(): QrFigure[] {
  // Ids as the app makes them (Env.newId, 16 characters); the catalogue's longest idea ids, though
  // a token is 4 characters whatever the id.
  const ideaIds = catalogue.ideas.map((idea) => idea.id).sort((a, b) => b.length - a.length);
  const cases: [number, QrFigure['card']][] = [
    ...[1, 5, 20].flatMap((ideas): [number, QrFigure['card']][] => [
      [ideas, 'none'],
      [ideas, 'phone + e-mail'],
    ]),
    [MAX_MEETING_IDEAS, 'largest'],
  ];
  return cases.map(([ideas, card]) => {
    const code = newMeetingCode(systemEnv, {
      perimeterId: systemEnv.newId(),
      householdId: systemEnv.newId(),
      ideaIds: ideaIds.slice(0, ideas),
      ...(card === 'none' ? {} : { card: card === 'largest' ? LARGEST : CARD }),
    });
    const qr = encode(code.qr, { ecc: 'M', boostEcc: false, border: 0 });
    return { ideas, card, bytes: code.qr.length, version: qr.version, modules: qr.size };
  });
}

export function printQr(figures: QrFigure[]): void {
  printTable(
    'Meeting code QR (level M, alphanumeric mode)',
    ['ideas in common', 'contact card', 'bytes', 'QR version', 'modules', `aim: version ≤ ${QR_VERSION_AIM}`],
    figures.map((f) => [
      f.ideas,
      f.card,
      f.bytes,
      f.version,
      `${f.modules}×${f.modules}`,
      f.version <= QR_VERSION_AIM ? 'yes' : 'NO',
    ]),
  );
  printNotes([
    'bytes: the QR text (ASCII). Ids 16 characters, 4 per idea, card in base45 (RFC 9285).',
    `Last row: the limits the code accepts (${MAX_MEETING_IDEAS} ideas, a ${MAX_MEETING_CARD_BYTES}-byte card).`,
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printQr(qrFigures());
