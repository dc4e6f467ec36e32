/**
 * A refused form says every point to fix at once (WCAG 2.2 SC 3.3.1 Error Identification, 3.3.3
 * Error Suggestion; the GOV.UK error summary pattern): the café plan on the tablet and a
 * household's sign-up are sent with several wrong fields. The summary at the top takes the focus
 * and lists each point with its field's name and how to fix it (the limit of a text too long, a
 * date already past), each a link that moves focus to its field; each field says its own beside
 * it; nothing is saved and what was typed stays. Once fixed, the form goes through. Then, with text
 * at 200 % (32 px) on a 320 px wide screen, the open summaries fit the screen. axe finds no
 * violation on any of them. Screenshots: test-results/screens/form-errors-*.png.
 */
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { foundPerimeter, openOffline, openSession, perimeterDate, storeRows } from './cafe-steps';
import { TABLET, accessibilityViolations, servedAppAndProfile, setDefaultFont, shoot } from './harness';

let page: Page;

const app = servedAppAndProfile(async (served) => {
  const context = await served.launch(TABLET);
  page = context.pages()[0] ?? (await context.newPage());
  await openOffline(page, served.url);
});

const summary = (p: Page) => p.locator('[data-error-summary]');
const summaryLines = (p: Page) => summary(p).locator('li').allInnerTexts();
const focusedId = (p: Page) => p.evaluate(() => document.activeElement?.id ?? '');
const summaryFocused = (p: Page) =>
  p.evaluate(() => document.activeElement?.hasAttribute('data-error-summary') ?? false);
const errorBeside = (p: Page, id: string) => p.locator(`#${id}-error`).innerText();

async function goTo(p: Page, hash: string): Promise<void> {
  await p.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** The café plan filled with a past date, an end before the start, a place and a welcome too long. */
async function fillWrongCafe(p: Page): Promise<void> {
  await goTo(p, '#/cafes/prevoir');
  await p.getByLabel('Date', { exact: true }).fill(perimeterDate(-1));
  await p.getByLabel('Heure de début').fill('17:00');
  await p.getByLabel('Heure de fin').fill('15:00');
  await p.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Autre lieu' });
  await p.getByLabel('Autre lieu (à écrire)').fill('Square'.repeat(14));
  await p.getByLabel('Thème', { exact: true }).selectOption({ label: 'Un thème à nous' });
  await p.getByLabel('Mot d’accueil (court)').fill('Bienvenue ! '.repeat(20));
  await p.getByRole('button', { name: 'Prévoir ce café' }).click();
}

/** The sign-up form with a name too long, no place, a wrong phone, no consent and no witness. */
async function fillWrongSignUp(p: Page): Promise<void> {
  await p.getByRole('link', { name: 'Inscrire un foyer' }).click();
  await p.getByLabel('Nom que les voisins verront').fill('Famille'.repeat(6));
  await p.getByLabel('Téléphone').fill('12');
  await p.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
}

describe('a refused form says every point to fix at once', () => {
  it('the first run: the perimeter with every box wrong or empty is refused at once, none is created, and what was typed comes back', async () => {
    await page.getByRole('button', { name: 'Créer un périmètre' }).click();
    await page.getByLabel('Rue ou bâtiment n° 1').fill('Bâtiment A');
    await page.getByRole('button', { name: 'Ajouter une rue ou un bâtiment' }).click();
    await page.getByLabel('Rue ou bâtiment n° 2').fill('bâtiment a');
    await page.getByLabel('Nombre de logements').fill('0');
    await page.getByRole('button', { name: 'Créer notre périmètre' }).click();
    await expect.poll(() => summaryFocused(page)).toBe(true);
    expect(await summaryLines(page)).toEqual([
      'Nom du périmètre : Ce champ est à remplir.',
      'Rue ou bâtiment n° 2 : Cette rue ou ce bâtiment est déjà dans la liste.',
      'Nombre de logements : Indiquez un nombre de logements entre 1 et 5 000.',
      'Personne n° 1 : Nom : Ce champ est à remplir.',
      'Personne n° 1 : Rue ou bâtiment : Ce champ est à remplir.',
    ]);
    await summary(page)
      .getByRole('link', { name: /^Personne n° 1 : Nom/ })
      .click();
    await expect.poll(() => focusedId(page)).toBe('founder-0-name');
    await shoot(page, 'form-errors-perimeter');
    expect(await accessibilityViolations(page)).toEqual([]);
    // No perimeter was created: the tablet opens again on its first screen. What was typed is
    // kept on the tablet until sent (useKeptForm): it comes back, and is thrown away here.
    await page.reload();
    await page.getByRole('button', { name: 'Créer un périmètre' }).click();
    await expect.poll(() => page.getByLabel('Rue ou bâtiment n° 2').inputValue()).toBe('bâtiment a');
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await expect
      .poll(async () =>
        (await storeRows<{ key: string }>(page, 'tissage-device', 'settings')).some((row) =>
          row.key.startsWith('keptForm/'),
        ),
      )
      .toBe(false);
    await page.reload();
    await foundPerimeter(page, ['Fatima', 'Jean']);
  });

  it('the café plan: all errors in the summary and beside their fields, links to them, then it goes through', async () => {
    await fillWrongCafe(page);
    await expect.poll(() => summaryFocused(page)).toBe(true);
    expect(await summaryLines(page)).toEqual([
      'Date : Cette date est déjà passée. Choisissez une date à venir.',
      'Heure de fin : L’heure de fin doit venir après l’heure de début.',
      'Autre lieu (à écrire) : C’est trop long : 80 caractères au plus.',
      'Nom de notre thème : Ce champ est à remplir.',
      'Mot d’accueil (court) : C’est trop long : 200 caractères au plus.',
    ]);
    expect(await errorBeside(page, 'cafe-date')).toContain('Cette date est déjà passée');
    expect(await errorBeside(page, 'cafe-end')).toContain('L’heure de fin doit venir après');
    expect(await errorBeside(page, 'cafe-free-place')).toContain('80 caractères au plus');
    expect(await errorBeside(page, 'cafe-local-theme')).toContain('Ce champ est à remplir');
    expect(await errorBeside(page, 'cafe-welcome')).toContain('200 caractères au plus');
    await shoot(page, 'form-errors-cafe-plan');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A link of the summary moves focus to its field, and the page stays on the form.
    await summary(page)
      .getByRole('link', { name: /Autre lieu \(à écrire\)/ })
      .click();
    await expect.poll(() => focusedId(page)).toBe('cafe-free-place');
    await summary(page).getByRole('link', { name: /^Date/ }).click();
    await expect.poll(() => focusedId(page)).toBe('cafe-date');
    expect(await page.evaluate(() => location.hash)).toBe('#/cafes/prevoir');
    // What was typed stays.
    expect(await page.getByLabel('Heure de début').inputValue()).toBe('17:00');
    expect(await page.getByLabel('Autre lieu (à écrire)').inputValue()).toBe('Square'.repeat(14));

    await page.getByLabel('Date', { exact: true }).fill(perimeterDate(7));
    await page.getByLabel('Heure de début').fill('15:00');
    await page.getByLabel('Heure de fin').fill('17:00');
    await page.getByLabel('Autre lieu (à écrire)').fill('Square des Tilleuls');
    await page.getByLabel('Nom de notre thème').fill('Le jardin');
    await page.getByLabel('Mot d’accueil (court)').fill('Bienvenue !');
    await page.getByRole('button', { name: 'Prévoir ce café' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/cafe\/[a-z0-9]+$/);
  });

  it('the sign-up: all errors at once, the consent reached from the summary, then the household is in', async () => {
    await goTo(page, '#/');
    await openSession(page, ['Fatima', 'Jean']);
    await fillWrongSignUp(page);
    await expect.poll(() => summaryFocused(page)).toBe(true);
    expect(await summaryLines(page)).toEqual([
      'Nom que les voisins verront : C’est trop long : 40 caractères au plus.',
      'Rue ou bâtiment : Ce champ est à remplir.',
      'Téléphone : Ce numéro ne semble pas complet. Exemple : 06 12 34 56 78.',
      'Votre accord : Cet accord est nécessaire pour s’inscrire.',
      'Voisins qui accueillent ce foyer : Cochez au moins un voisin qui accueille ce foyer.',
    ]);
    expect(await errorBeside(page, 'signup-name')).toContain('40 caractères au plus');
    expect(await errorBeside(page, 'signup-place')).toContain('Ce champ est à remplir');
    expect(await errorBeside(page, 'contact-phone')).toContain('Ce numéro ne semble pas complet');
    expect(await errorBeside(page, 'signup-data-use')).toContain('Cet accord est nécessaire');
    expect(await errorBeside(page, 'signup-witnesses')).toContain('Cochez au moins un voisin');
    await shoot(page, 'form-errors-signup');
    expect(await accessibilityViolations(page)).toEqual([]);

    await summary(page)
      .getByRole('link', { name: /^Votre accord/ })
      .click();
    await expect.poll(() => focusedId(page)).toBe('signup-data-use');
    await summary(page)
      .getByRole('link', { name: /^Voisins qui accueillent/ })
      .click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('fieldset')?.id ?? ''))
      .toBe('signup-witnesses');
    expect(await page.getByLabel('Téléphone').inputValue()).toBe('12');

    await page.getByLabel('Nom que les voisins verront').fill('Famille Diallo');
    await page.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
    await page.getByLabel('Téléphone').fill('06 12 34 56 78');
    await page.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
    await page
      .getByRole('group', { name: /Voisins qui accueillent/ })
      .getByRole('checkbox', { name: 'Jean' })
      .check();
    await page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
    await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
  });

  it('a resident’s proposal: every box at once, in plain words, and focus on the summary', async () => {
    const householdId = (await page.evaluate(() => location.hash)).split('/')[2] ?? '';
    await goTo(page, `#/mon-cafe/${householdId}`);
    await page.getByLabel('Un mot pour expliquer').fill('Pour tout le monde. '.repeat(7));
    await page.getByRole('button', { name: 'Proposer', exact: true }).click();
    await expect.poll(() => summaryFocused(page)).toBe(true);
    expect(await summaryLines(page)).toEqual([
      'Votre idée : Ce champ est à remplir.',
      'Thème : Ce champ est à remplir.',
      'Pour qui ? : Ce champ est à remplir.',
      'Un mot pour expliquer : C’est trop long : 120 caractères au plus.',
    ]);
    await summary(page)
      .getByRole('link', { name: /^Thème/ })
      .click();
    await expect.poll(() => focusedId(page)).toBe('propose-theme');
    await shoot(page, 'form-errors-propose');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('the retention time: an impossible number is said beside its box, the last whole one kept', async () => {
    await goTo(page, '#/conservation');
    const box = page.getByLabel('Sans nouvelles depuis (en mois)');
    await expect.poll(() => box.inputValue()).toBe('24');
    await box.fill('0');
    await box.press('Tab');
    await expect
      .poll(() => errorBeside(page, 'retention-months'))
      .toContain('Écrivez un nombre entier de mois, entre 1 et 600. Le nombre d’avant est gardé : 24.');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await box.fill('36');
    await box.press('Tab');
    await expect.poll(() => page.locator('#retention-months-error').count()).toBe(0);
    expect(await box.getAttribute('aria-invalid')).toBeNull();
  });

  it('with text at 200 % on a 320 px screen, the open summaries fit, with no axe violation', async () => {
    await page.context().close();
    setDefaultFont(app.profileDir, 32);
    const context = await app.launch({ width: 320, height: 640 });
    page = context.pages()[0] ?? (await context.newPage());
    // The service worker serves the app with no network, as on the street.
    await context.setOffline(true);
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).waitFor();

    await fillWrongCafe(page);
    await expect.poll(() => summaryFocused(page)).toBe(true);
    expect(await sidewaysOverflow(page)).toEqual([]);
    await shoot(page, 'form-errors-cafe-plan-320-32px');
    expect(await accessibilityViolations(page)).toEqual([]);

    await goTo(page, '#/');
    await openSession(page, ['Fatima', 'Jean']);
    await fillWrongSignUp(page);
    await expect.poll(() => summaryFocused(page)).toBe(true);
    expect(await sidewaysOverflow(page)).toEqual([]);
    await shoot(page, 'form-errors-signup-320-32px');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

/**
 * What reaches past the screen's edge (WCAG 1.4.10 Reflow), as tests/e2e/layout.test.ts checks it:
 * the page scrolling sideways, and each visible element of the summary and the form past an edge.
 */
function sidewaysOverflow(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const element of Array.from(document.querySelectorAll('form *'))) {
      if (element.closest('.sr-only, option')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > width + 0.5 || box.left < -0.5)
        found.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return found;
  });
}
