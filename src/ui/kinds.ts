/** The lists of languages and session kinds, from the domain's zod-free constants. */
export { LANGUAGES as ALL_LANGUAGES, SESSION_KINDS as ALL_SESSION_KINDS } from '../domain/constants';
