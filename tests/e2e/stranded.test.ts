/**
 * Nothing stranded, and "finished" only when true. A household that skips every theme is not
 * finished: its summary lists the themes it never saw, with a way to each, and from the summary one
 * answer can be changed or one theme seen again. Closing a session lists its unfinished scans
 * first; afterwards the tablet's home finds every household (founders too, by part of a name or a
 * building, without accents, right-to-left names included) and opens its scan, summary and access.
 * On a 360 × 740 phone-sized screen, offline.
 */
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { answer, answersOf, ideaTitle } from './app-steps';
import { foundPerimeter, openOffline, openSession, signUp, tapsSettled } from './cafe-steps';
import { SMALL_PHONE, accessibilityViolations, servedAppAndProfile, shoot } from './harness';

let page: Page;

servedAppAndProfile(async (app) => {
  page = await (await app.launch(SMALL_PHONE)).newPage();
  await openOffline(page, app.url);
  await foundPerimeter(page, ['Fatima', 'Hélène Müller']);
  await openSession(page, ['Fatima']);
});

const RTL = 'عائلة أحمد';
const summaryHeading = (name: string) => page.getByRole('heading', { level: 1, name: `Merci, ${name} !` });
const unseen = () => page.getByRole('region', { name: 'Thèmes pas encore vus' });
const themeOnScreen = () => page.evaluate(() => document.querySelector('.theme-title')?.textContent ?? '');

/** Clicks a link or button and waits until the tap guard has let the new screen settle. */
async function tap(locator: ReturnType<Page['getByRole']>): Promise<void> {
  await locator.click();
  await tapsSettled(page);
}

describe('"finished" only when every idea was seen', () => {
  let firstIdea = '';

  it('skipping every theme to the end leads to a summary that lists the themes never seen', async () => {
    await signUp(page, 'Léa', 'Bâtiment B', 'Fatima');
    firstIdea = await ideaTitle(page);
    await answer(page, 'Je propose');
    while (!(await summaryHeading('Léa').isVisible())) {
      const before = await ideaTitle(page);
      await page.getByRole('button', { name: 'Passer ce thème' }).click();
      await expect.poll(() => ideaTitle(page)).not.toBe(before);
    }
    await expect.poll(() => unseen().isVisible()).toBe(true);
    const themes = unseen().getByRole('link', { name: /^Voir ce thème/ });
    // Two ideas of the first theme and the first of every other one were seen: none is complete.
    expect(await themes.count()).toBe(11);
    await shoot(page, 'stranded-01-summary-unseen');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('the session does not call that scan finished, and "Continuer" resumes at the first idea never seen', async () => {
    await tap(page.getByRole('link', { name: 'Terminer' }));
    const row = page.locator('.household-row', { hasText: 'Léa' });
    await expect.poll(() => row.innerText()).toContain('en cours : 3 / 169');
    await tap(page.getByRole('link', { name: /Continuer.*Léa/ }));
    await expect.poll(() => page.locator('.scan-progress progress').getAttribute('value')).toBe('3');
    await tap(page.getByRole('link', { name: 'Faire une pause' }));
  });

  it('from the summary, an unseen theme is seen on its own, then the summary again', async () => {
    await tap(page.getByRole('link', { name: /Accueil/ }).first());
    await tap(page.getByRole('link', { name: /Résumé.*Léa/ }));
    const link = unseen()
      .getByRole('link', { name: /^Voir ce thème/ })
      .nth(1);
    const theme = ((await link.textContent()) ?? '').replace(/^Voir ce thème\s*:\s*/, '').trim();
    await tap(link);
    await expect.poll(themeOnScreen).toContain(theme);
    // Its first idea was seen on the way: the visit starts at the second.
    await expect(page.locator('.scan-progress progress').getAttribute('value')).resolves.toBe('2');
    while (!(await summaryHeading('Léa').isVisible())) await answer(page, 'Pas pour moi');
    await expect
      .poll(() =>
        unseen()
          .getByRole('link', { name: /^Voir ce thème/ })
          .count(),
      )
      .toBe(10);
    expect(await unseen().innerText()).not.toContain(theme);
  });

  it('from the summary, one answer is changed and nothing else moves', async () => {
    const before = await answersOf(page, 'Léa');
    expect(await page.getByRole('region', { name: 'Vous proposez' }).innerText()).toContain(firstIdea);
    await tap(page.getByRole('link', { name: new RegExp(`^Changer.*${firstIdea}`) }));
    await expect.poll(() => ideaTitle(page)).toBe(firstIdea);
    await expect(
      page.getByRole('button', { name: 'Je propose', exact: true }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await shoot(page, 'stranded-02-change-one-answer');
    await page.getByRole('button', { name: 'Je cherche', exact: true }).click();
    await expect.poll(() => summaryHeading('Léa').isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('region', { name: 'Vous cherchez' }).innerText())
      .toContain(firstIdea);
    const after = await answersOf(page, 'Léa');
    const changed = Object.entries(before.answers).find(([, value]) => value === 'offer')![0];
    expect(after.answers).toEqual({ ...before.answers, [changed]: 'seek' });
    expect(Object.values(after.answers).filter((v) => v === 'seek')).toHaveLength(1);
  });

  it('from the summary, any theme can be seen again, and left back to the summary', async () => {
    await page.getByText('Revoir un thème').click();
    await tap(page.getByRole('link', { name: /^Revoir/ }).first());
    await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
    await tap(page.getByRole('link', { name: 'Revenir au résumé' }));
    await expect.poll(() => summaryHeading('Léa').isVisible()).toBe(true);
  });
});

describe('nothing stranded', () => {
  it('closing a session lists the unfinished scans first, each with a way back', async () => {
    await tap(page.getByRole('link', { name: 'Terminer' }));
    await signUp(page, RTL, 'Bâtiment B', 'Fatima');
    await tap(page.getByRole('link', { name: 'Faire une pause' }));
    await tap(page.getByRole('button', { name: 'Clore la séance' }));
    const asking = page.locator('.close-session');
    await expect.poll(() => asking.getByRole('link', { name: /Continuer/ }).count()).toBe(2);
    await shoot(page, 'stranded-03-close-lists-unfinished');
    expect(await accessibilityViolations(page)).toEqual([]);
    await tap(asking.getByRole('link', { name: new RegExp(`Continuer.*${RTL}`) }));
    await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
    expect(await page.locator('.scan-household').innerText()).toContain(RTL);
    await tap(page.getByRole('link', { name: 'Faire une pause' }));
    await tap(page.getByRole('button', { name: 'Clore la séance' }));
    await tap(page.getByRole('button', { name: 'Oui, clore la séance' }));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/');
    await tapsSettled(page);
  });

  it('the home finds every household by name or building, without accents, right to left too', async () => {
    const search = page.getByRole('searchbox', { name: 'Chercher un foyer' });
    const names = () => page.locator('#household-results .person-name').allInnerTexts();
    await expect.poll(names).toHaveLength(4);
    await search.fill('helene');
    await expect.poll(names).toEqual(['Hélène Müller']);
    await search.fill('BATIMENT b');
    await expect.poll(async () => (await names()).sort()).toEqual(['Léa', RTL].sort());
    await search.fill('أحمد');
    await expect.poll(names).toEqual([RTL]);
    await search.fill('personne ici');
    await expect.poll(() => page.getByText('Aucun foyer ne correspond.').isVisible()).toBe(true);
    await shoot(page, 'stranded-04-home-search');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('a founder answers the catalogue on the tablet, and its summary and access open from the home', async () => {
    const search = page.getByRole('searchbox', { name: 'Chercher un foyer' });
    await search.fill('müller');
    await tap(page.getByRole('link', { name: /Répondre aux idées.*Hélène Müller/ }));
    await answer(page, 'Je propose');
    await tap(page.getByRole('link', { name: 'Faire une pause' }));
    expect(await page.evaluate(() => location.hash)).toBe('#/');
    expect(Object.values((await answersOf(page, 'Hélène Müller')).answers)).toHaveLength(1);

    await page.getByRole('searchbox', { name: 'Chercher un foyer' }).fill('helene');
    await expect
      .poll(() => page.getByRole('link', { name: /Continuer les idées.*Hélène Müller/ }).isVisible())
      .toBe(true);
    await tap(page.getByRole('link', { name: /Résumé.*Hélène Müller/ }));
    await expect.poll(() => summaryHeading('Hélène Müller').isVisible()).toBe(true);
    await tap(page.getByRole('link', { name: /Accueil/ }).first());
    await page.getByRole('searchbox', { name: 'Chercher un foyer' }).fill('helene');
    await tap(page.getByRole('link', { name: /Accès téléphone.*Hélène Müller/ }));
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/acces\//);
  });
});
