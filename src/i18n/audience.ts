/**
 * Which words residents read. Residents' screens are written in FALC (facile à lire et à
 * comprendre): short sentences, everyday words. Readers may be 75, not at ease with screens, or
 * still learning French. Facilitators' screens may use the association's terms ("périmètre",
 * "serveur"); residents' may not: say "votre quartier" or the residence's name, "en ligne",
 * "l'association", "mot de passe".
 *
 * A key belongs to residents when it starts with one of these prefixes; a new key under one of
 * them is checked like the others (tests/unit/i18n/plain-words.test.ts), so the kind stays fixed.
 */

/** Prefixes of `messages` keys (fr.ts) that residents read, at the café or on their phone. */
export const RESIDENT_MESSAGES = [
  'app.',
  'header.',
  'sync.',
  'time.',
  'update.',
  'storage.',
  'form.',
  'common.',
  'welcome.title',
  'welcome.intro',
  'welcome.code',
  'home.receiving',
  'household.',
  'signup.',
  'scan.',
  'summary.',
] as const;

/** Prefixes of the devices screens' keys (fr-devices.ts) that residents read. */
export const RESIDENT_DEVICE_MESSAGES = [
  'join.household.',
  'join.progress',
  'join.retry',
  'join.code.',
  'join.failed.offline',
  'join.failed.unknown-credential',
  'join.failed.invalid-code',
  'join.failed.server-error',
  'access.card.',
  'access.code.label',
  'access.qr.alt',
] as const;

/** Prefixes of the rights screens' keys (fr-rights.ts) that residents read: "Mes informations". */
export const RESIDENT_RIGHTS_MESSAGES = ['own.'] as const;

/** Error codes a resident may meet (signing up, answering, their phone); the rest are the facilitators'. */
export const RESIDENT_ERRORS = [
  'required',
  'too-long',
  'invalid',
  'invalid-phone',
  'invalid-email',
  'place-unknown',
  'consent-required',
  'witness-required',
  'household-missing',
  'idea-missing',
  'idea-retired',
  'answer-not-allowed',
  'credential-missing',
  'link-self',
  'link-not-a-match',
  'cafe-missing',
  'cafe-not-planned',
  'cafe-too-early',
  'proposals-full',
  'project-missing',
  'projects-full',
  'storage-full',
  'storage-failed',
  'app-outdated',
] as const;

/** Words residents did not understand, or read otherwise ("animation" reads as a cartoon). */
export const JARGON: readonly RegExp[] = [
  /périmètre/i,
  /serveur/i,
  /synchronis/i,
  /animation/i,
  /phrase secrète/i,
  /données/i,
  /hors connexion/i,
];
