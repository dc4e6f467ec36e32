/**
 * French messages of the relay with no network (issue 12): a facilitator's tablet and a resident's
 * phone hand each other what each lacks through animated codes on the screen, read by the other's
 * camera. Residents read them: plain words (FALC, audience.ts), checked by
 * tests/unit/i18n/relay-words.test.ts. Kept apart from fr.ts: the relay screens load on demand.
 */

/** Why a frame or a whole transfer changed nothing (sync/relay-frames.ts, sync/qr-relay.ts). */
export type RelayProblem =
  | 'other-perimeter'
  | 'corrupted'
  | 'newer-format'
  | 'other-transfer'
  | 'failed'
  | 'unreadable'
  | 'forbidden'
  | 'invalid'
  | 'stalled';

export const messages = {
  'relay.send.title': 'Montrez cet écran à l’autre appareil',
  'relay.send.intro':
    'Les codes changent tout seuls. Tenez l’écran immobile, face à l’appareil photo de l’autre appareil.',
  'relay.send.qr-alt': 'Codes qui changent, à lire avec l’appareil photo de l’autre appareil',
  'relay.send.count':
    'Codes montrés : {shown}. Gardez l’écran devant l’autre appareil jusqu’à ce qu’il dise qu’il a tout reçu.',
  'relay.send.done': 'L’autre appareil a tout reçu',
  'relay.receive.title': 'Lire les codes de l’autre appareil',
  'relay.receive.intro': 'Visez les codes qui changent sur l’autre écran. Gardez l’appareil immobile.',
  'relay.receive.video': 'Image de l’appareil photo',
  'relay.receive.starting': 'L’appareil photo s’ouvre…',
  'relay.receive.looking': 'Je cherche les codes…',
  'relay.receive.progress': 'Reçu : {percent} %',
  'relay.receive.progress-label': 'Ce qui est déjà reçu',
  'relay.receive.no-camera': 'Cet appareil n’a pas d’appareil photo. Les codes ne peuvent pas être lus.',
  'relay.receive.denied':
    'L’appareil ne laisse pas Tissage utiliser l’appareil photo. Vous pouvez l’autoriser dans les réglages.',
  'relay.receive.failed': 'L’appareil photo ne s’ouvre pas.',
  'relay.receive.again': 'Recommencer',
  'relay.done.title': 'C’est reçu',
  'relay.done.nothing': 'Rien de nouveau : les deux appareils étaient déjà à jour.',
  'relay.done.households': '{count} nouveaux foyers',
  'relay.done.households.one': '1 nouveau foyer',
  'relay.done.answers': '{count} réponses',
  'relay.done.answers.one': '1 réponse',
  'relay.done.choices': '{count} choix entre voisins',
  'relay.done.choices.one': '1 choix entre voisins',
  'relay.done.other': '{count} autres changements',
  'relay.done.other.one': '1 autre changement',
} as const;

/** Each problem, in words that say what happened and what to do; nothing was changed by it. */
export const problems: Record<RelayProblem, string> = {
  'other-perimeter':
    'Ces codes viennent d’un autre quartier. Rien n’a changé. Lisez les codes d’un appareil de votre quartier.',
  corrupted: 'Un code était abîmé ou coupé. Il est mis de côté, la lecture continue.',
  'newer-format':
    'Ces codes viennent d’une version plus récente de Tissage. Mettez Tissage à jour, puis recommencez.',
  'other-transfer':
    'Ces codes ne font pas partie de cet envoi. Rien n’a changé. Gardez l’appareil sur le même écran.',
  failed: 'Ce qui a été reçu est abîmé. Rien n’a changé. Recommencez la lecture.',
  unreadable:
    'Ce qui a été reçu ne se lit pas. Rien n’a changé. Mettez Tissage à jour sur les deux appareils.',
  forbidden:
    'Ce téléphone envoie des changements qui ne sont pas les siens. Rien n’a changé. Le foyer peut refaire ses réponses lui-même.',
  invalid:
    'Ce qui a été reçu n’est pas correct. Rien n’a changé. Recommencez, ou faites-le plus tard avec internet.',
  stalled:
    'La lecture n’avance plus. Rien n’a changé. Rapprochez les deux appareils, évitez les reflets, puis attendez un peu.',
};
