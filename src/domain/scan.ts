/**
 * The catalogue scan: one idea per screen, theme after theme. The position is an idea id, not an
 * index, so a scan paused before the catalogue changed (an idea added or retired) resumes at the
 * same idea.
 */
import type { Idea, Theme } from './schemas';

export interface ScanItem {
  idea: Idea;
  theme: Theme;
}

/** Ideas in scan order: themes in catalogue order, local ideas after the shipped ones of their theme. */
export function scanOrder(themes: Theme[], ideas: Idea[], retired: ReadonlySet<string>): ScanItem[] {
  const byTheme = new Map<string, Idea[]>();
  for (const idea of ideas) {
    if (retired.has(idea.id)) continue;
    const list = byTheme.get(idea.theme) ?? [];
    list.push(idea);
    byTheme.set(idea.theme, list);
  }
  return themes.flatMap((theme) => (byTheme.get(theme.id) ?? []).map((idea) => ({ idea, theme })));
}

/** Index of an idea in the scan; an idea no longer in it (retired) resumes at the start. */
export function indexOf(order: ScanItem[], ideaId: string | undefined): number {
  const at = order.findIndex((item) => item.idea.id === ideaId);
  return at < 0 ? 0 : at;
}

/** The idea after this one, or undefined at the end of the catalogue. */
export function nextIdea(order: ScanItem[], ideaId: string): string | undefined {
  return order[indexOf(order, ideaId) + 1]?.idea.id;
}

export function previousIdea(order: ScanItem[], ideaId: string): string | undefined {
  const at = indexOf(order, ideaId);
  return at === 0 ? undefined : order[at - 1]?.idea.id;
}

/** The first idea of the next theme, or undefined when this is the last theme. */
export function nextTheme(order: ScanItem[], ideaId: string): string | undefined {
  const at = indexOf(order, ideaId);
  const theme = order[at]?.theme.id;
  return order.slice(at + 1).find((item) => item.theme.id !== theme)?.idea.id;
}

export interface Progress {
  /** 1-based position of the current idea, as shown: "43 / 152". */
  position: number;
  total: number;
  answered: number;
}

export function progress(
  order: ScanItem[],
  answered: ReadonlySet<string>,
  ideaId: string | undefined,
): Progress {
  return {
    position: order.length === 0 ? 0 : indexOf(order, ideaId) + 1,
    total: order.length,
    answered: order.filter((item) => answered.has(item.idea.id)).length,
  };
}

/**
 * The ideas a household has seen: those the scan recorded as shown, and those it answered (an
 * answer given on another device, or before the scan recorded what it showed, was seen too).
 */
export function seenIdeas(recorded: readonly string[] | undefined, answered: Iterable<string>): Set<string> {
  return new Set([...(recorded ?? []), ...answered]);
}

/** The first idea in scan order not seen yet, or undefined when every idea was. */
export function firstUnseen(order: ScanItem[], seen: ReadonlySet<string>): string | undefined {
  return order.find((item) => !seen.has(item.idea.id))?.idea.id;
}

/** A theme with ideas the household never saw, and the first of them: where to take it back to. */
export interface UnseenTheme {
  theme: Theme;
  firstIdeaId: string;
  unseen: number;
}

/** The themes, in scan order, that still have ideas the household never saw. */
export function unseenThemes(order: ScanItem[], seen: ReadonlySet<string>): UnseenTheme[] {
  const byTheme = new Map<string, UnseenTheme>();
  for (const { idea, theme } of order) {
    if (seen.has(idea.id)) continue;
    const known = byTheme.get(theme.id);
    if (known) known.unseen += 1;
    else byTheme.set(theme.id, { theme, firstIdeaId: idea.id, unseen: 1 });
  }
  return [...byTheme.values()];
}

/** The ideas of one theme, in scan order. */
export function themeIdeas(order: ScanItem[], themeId: string): ScanItem[] {
  return order.filter((item) => item.theme.id === themeId);
}

/** Where the scan goes on leaving an idea, and whether that ends the run through the catalogue. */
export interface ScanTarget {
  /** The idea to show or resume at; undefined only once every idea was seen (the scan is finished). */
  ideaId: string | undefined;
  /** True when no idea comes next: the household goes to its summary. */
  end: boolean;
}

/**
 * `next` is the idea the household asked for (the next one, the next theme's first, the previous
 * one), undefined past the end. Past the end, the place is kept at the first idea never seen, so
 * that skipping themes to the end never counts as having seen them.
 */
export function scanTarget(
  order: ScanItem[],
  seen: ReadonlySet<string>,
  next: string | undefined,
): ScanTarget {
  if (next) return { ideaId: next, end: false };
  return { ideaId: firstUnseen(order, seen), end: true };
}
