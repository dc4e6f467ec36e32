/**
 * A sign-up session nobody closed, seen again three years later (issue 13 tester fault: the tablet
 * still said « Séance en cours »): on the tablet with the browser's text at 32 px, against the
 * real sync server. On its day the home offers to resume it; with the page's clock three years
 * ahead (Playwright's clock fakes `Date`), the home lists it apart as « Ancienne séance, à clore »
 * with no way to resume it, its screen says it is long over and offers no new sign-up, only to
 * close it; once closed the home lists it no more. The rule itself is domain/session-status.ts
 * (tests/unit/domain/session-status.test.ts). The home is laid out at 1024 and at 320 px: no
 * sideways overflow, no word of the app cut across two lines (word-breaks.ts), no axe violation.
 *
 * Screens: test-results/screens/session-old-*.png.
 */
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { joinAndDescribe, openSessionAndSignUp, syncState } from './app-steps';
import { TABLET, accessibilityViolations, shoot } from './harness';
import { syncServerAndDevices } from './sync-harness';
import { splitWords } from './word-breaks';

const PATIENCE = { timeout: 30_000 };
const THREE_YEARS_MS = 3 * 365 * 24 * 3600 * 1000;

const sync = syncServerAndDevices();
let t: Page;

/** Sideways overflow, words cut in two and axe violations of the screen, at its current size. */
async function layoutFaults(page: Page): Promise<string[]> {
  const faults = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return document.documentElement.scrollWidth > width
      ? [`page ${document.documentElement.scrollWidth} > ${width}`]
      : [];
  });
  faults.push(...(await splitWords(page)));
  for (const v of await accessibilityViolations(page)) faults.push(`axe ${v.id}`);
  return faults;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name });

describe('a session nobody closed, three years later', () => {
  it('on its day, the tablet’s home offers to resume it', async () => {
    t = await (await sync.newDevice(TABLET, { textPx: 32 })).newPage();
    const { code } = sync.server.invite('Résidence des Tilleuls');
    await joinAndDescribe(t, sync.server.url, code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionAndSignUp(t, 'Anna');
    await t.goto(`${sync.server.url}#/`);
    await heading(t, 'Séance en cours').waitFor(PATIENCE);
    await expect(t.getByRole('link', { name: 'Reprendre la séance' }).count()).resolves.toBe(1);
  });

  it('three years later, the home lists it as « Ancienne séance, à clore », not « en cours »', async () => {
    await t.clock.setSystemTime(Date.now() + THREE_YEARS_MS);
    await t.reload();
    await heading(t, 'Ancienne séance, à clore').waitFor(PATIENCE);
    await expect(heading(t, 'Séance en cours').count()).resolves.toBe(0);
    await expect(t.getByRole('link', { name: 'Reprendre la séance' }).count()).resolves.toBe(0);
    // With no current session, opening a new one is the home's first action again.
    await expect(
      t.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).getAttribute('class'),
    ).resolves.toContain('btn-primary');
    for (const size of [TABLET, { width: 320, height: 640 }]) {
      await t.setViewportSize(size);
      expect(await layoutFaults(t), `home at ${size.width}`).toEqual([]);
      await shoot(t, `session-old-home-${size.width}`);
    }
    await t.setViewportSize(TABLET);
  });

  it('its screen says it is long over, takes no new sign-up and closes; the home then drops it', async () => {
    await t.getByRole('link', { name: 'Voir et clore la séance' }).click();
    await t.getByText('Cette séance est finie depuis longtemps').waitFor(PATIENCE);
    await expect(t.getByRole('link', { name: 'Inscrire un foyer' }).count()).resolves.toBe(0);
    expect(await layoutFaults(t)).toEqual([]);
    await shoot(t, 'session-old-screen');
    await t.getByRole('button', { name: 'Clore la séance' }).click();
    await t.getByRole('button', { name: 'Oui, clore la séance' }).click();
    await t.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).waitFor(PATIENCE);
    await expect(heading(t, 'Ancienne séance, à clore').count()).resolves.toBe(0);
    await expect(heading(t, 'Séance en cours').count()).resolves.toBe(0);
  });
});
