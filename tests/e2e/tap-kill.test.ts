/**
 * A tap's answer is durable by the time the next idea shows, even though the place in the scan and
 * the read model are written after it (src/workspace/perimeter-workspace.ts `answer`). The browser
 * is killed outright (SIGKILL) the moment the next idea is on screen, before the background writes
 * can be counted on; relaunched on the same profile, offline, every answer shown as taken is there,
 * and the scan resumes on the last answered idea (with its answer) or on the one after it.
 */
import type { BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { answersOf, ideaTitle } from './app-steps';
import { foundPerimeter, openOffline, openSession, signUp } from './cafe-steps';
import { TABLET, hardKill, servedAppAndProfile, shoot } from './harness';

const app = servedAppAndProfile();
let context: BrowserContext;
let page: Page;

/**
 * Taps one answer ("Je participerais" on a collective idea) and resolves as soon as the page shows
 * another idea, checked in the page at every frame, so that the caller acts right after it.
 */
async function tapAndSeeNext(p: Page): Promise<{ tapped: string; next: string }> {
  const tapped = await ideaTitle(p);
  const join = p.getByRole('button', { name: 'Je participerais' });
  await (
    (await join.count()) > 0 ? join : p.getByRole('button', { name: 'Je propose', exact: true })
  ).click();
  await p.waitForFunction((before) => document.querySelector('h1')?.textContent !== before, tapped, {
    polling: 'raf',
  });
  return { tapped, next: await ideaTitle(p) };
}

describe('the battery dies the moment the next idea shows', () => {
  it('keeps every answer shown as taken, and resumes on the last one or the next', async () => {
    context = await app.launch(TABLET);
    page = await context.newPage();
    await openOffline(page, app.url);
    await foundPerimeter(page, ['Fatima']);
    await openSession(page, ['Fatima']);
    await signUp(page, 'Léa', 'Bâtiment A', 'Fatima');
    await tapAndSeeNext(page);
    await tapAndSeeNext(page);
    const last = await tapAndSeeNext(page);
    await hardKill(context, app.profileDir);

    context = await app.launch(TABLET);
    await context.setOffline(true);
    page = await context.newPage();
    const response = await page.goto(app.url);
    expect(response?.fromServiceWorker()).toBe(true);
    // The read model may have been cut short with the browser: it catches up from the document.
    await expect.poll(async () => Object.keys((await answersOf(page, 'Léa')).answers).length).toBe(3);
    await page.getByRole('link', { name: 'Reprendre la séance' }).click();
    await page.getByRole('link', { name: /Continuer.*Léa/ }).click();
    await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
    const resumedAt = await ideaTitle(page);
    expect([last.tapped, last.next]).toContain(resumedAt);
    if (resumedAt === last.tapped) {
      // Shown again with the answer it was given.
      await expect.poll(() => page.getByRole('button', { pressed: true }).count()).toBe(1);
    }
    await shoot(page, 'tap-kill-01-resumed');
  });
});
