/**
 * French messages of the face-to-face meeting (issue 11): showing one's meeting code, reading a
 * neighbour's with the camera or by typing it. Residents read all of them, in plain words (FALC,
 * see audience.ts): tests/unit/i18n/meeting-words.test.ts checks them like the others. Kept apart
 * from fr.ts because the meeting screens load on demand, with their words.
 */
import type { MeetingCodeError } from '../domain/meeting-code';

export const messages = {
  'meeting.show.title': 'Votre code de rencontre',
  'meeting.show.intro': 'Montrez ce code à votre voisin. Il le lit avec l’appareil photo de son téléphone.',
  'meeting.show.qr-alt': 'Code de rencontre à lire avec le téléphone du voisin',
  'meeting.show.typed': 'Pas d’appareil photo ? Votre voisin peut taper ce code :',
  'meeting.show.typed-label': 'Code à taper :',
  'meeting.read.title': 'Lire le code du voisin',
  'meeting.scan.intro': 'Visez le code sur le téléphone de votre voisin.',
  'meeting.scan.video': 'Image de l’appareil photo',
  'meeting.scan.starting': 'L’appareil photo s’ouvre…',
  'meeting.scan.looking': 'Je cherche le code…',
  // No "type the code" here: the box to type in is not on screen until the person asks for it.
  'meeting.scan.nothing-yet': 'Pas encore de code trouvé. Tenez le téléphone bien droit, à une main du code.',
  'meeting.scan.no-camera': 'Ce téléphone n’a pas d’appareil photo. Tapez le code à la place.',
  'meeting.scan.denied':
    'Le téléphone ne laisse pas Tissage utiliser l’appareil photo. Vous pouvez l’autoriser dans les réglages, ou taper le code.',
  'meeting.scan.failed': 'L’appareil photo ne s’ouvre pas. Tapez le code à la place.',
  'meeting.scan.type-instead': 'Taper le code à la place',
  'meeting.typed.label': 'Le code du voisin',
  'meeting.typed.hint': 'Huit lettres ou chiffres, par exemple : AB12 CD34',
  'meeting.typed.submit': 'Valider le code',
  'meeting.typed.empty': 'Tapez le code montré par votre voisin.',
  'meeting.typed.use-camera': 'Lire le code avec l’appareil photo',
} as const;

/** Why a code read changes nothing, in words: what happened, then what to do. */
export const errors: Record<MeetingCodeError, string> = {
  'meeting-malformed':
    'Ce code n’est pas un code de rencontre Tissage. Vérifiez chaque lettre, ou lisez le code sur l’écran du voisin.',
  'meeting-version':
    'Ce code vient d’une autre version de Tissage. Mettez l’application à jour sur les deux téléphones, puis réessayez.',
  'meeting-other-perimeter':
    'Ce voisin est inscrit dans un autre quartier de Tissage. La rencontre ne peut pas être notée ici.',
  'meeting-own-household': 'C’est votre propre code. Lisez le code montré par votre voisin.',
  'meeting-unknown-household':
    'Ce téléphone ne connaît pas encore ce voisin. Vérifiez le code, ou réessayez après être passé en ligne.',
  'meeting-replayed': 'Cette rencontre est déjà notée sur ce téléphone. Rien de plus à faire.',
  'meeting-nothing-in-common':
    'Sur ce téléphone, vous n’avez pas encore d’idée en commun avec ce voisin. Réessayez après être passé en ligne.',
};
