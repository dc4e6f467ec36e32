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
