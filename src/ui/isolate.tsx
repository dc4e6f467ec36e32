/**
 * Text someone typed (a household's name, a street, a perimeter, a local idea) may be written
 * right to left, or start with digits; set next to French words it would borrow their direction
 * and scramble the line ("12 · عائلة أحمد rue des Lilas"). Every piece of it shown next to other
 * text goes into its own `<bdi>`, whose direction comes from its own letters and which leaves the
 * text around it alone. Where user text stands alone, screens put it in a `<bdi>` directly.
 */
import type { ComponentChildren } from 'preact';

/**
 * `message` with each `{key}` of `user` replaced by that text in a `<bdi>`. Fill the message's
 * other placeholders first and leave these ones in: `isolate(t('scan.household'), { name })`.
 * Placeholders are found in the message before any user text goes in, so a name that contains
 * braces is shown as it is.
 */
export function isolate(message: string, user: Readonly<Record<string, string>>): ComponentChildren {
  return message
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 0 ? part : part in user ? <bdi key={i}>{user[part]}</bdi> : `{${part}}`));
}
