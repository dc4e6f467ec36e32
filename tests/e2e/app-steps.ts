/**
 * What a facilitator does in the built app, and what a test reads from a device, shared by the
 * end-to-end tests that sync with the real server.
 */
import type { Page } from 'playwright';
import { expect } from 'vitest';

export const indicator = (page: Page) => page.locator('.sync').first();

/** The indicator's state (`stored`, `sending`, `no-network-waiting`, `unreachable-waiting`…, see src/ui/sync-view.ts). */
export const syncState = (page: Page) => indicator(page).getAttribute('data-sync');

export const ideaTitle = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

/**
 * Gives one answer on the scan screen (or joins, for a collective idea) and waits until the next
 * idea shows: the app shows it only once the answer is durable on the device.
 */
export async function answer(page: Page, label: string): Promise<void> {
  await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
  const before = await ideaTitle(page);
  const join = page.getByRole('button', { name: 'Je participerais' });
  await ((await join.count()) > 0 ? join : page.getByRole('button', { name: label, exact: true })).click();
  await expect.poll(() => ideaTitle(page)).not.toBe(before);
}

/**
 * A facilitator's first visit: joins the perimeter with the invitation code at `origin`, describes
 * it with one founder (Fatima), opens a session and signs up `household`, ending on its scan.
 * `onEmpty` looks at the screen that says the server has nothing for this perimeter yet.
 */
export async function foundAndSignUp(
  page: Page,
  origin: string,
  code: string,
  household: string,
  onEmpty?: (page: Page) => Promise<void>,
) {
  await page.goto(`${origin}#/join/${code}`);
  await page.getByRole('button', { name: 'Décrire ce nouveau périmètre' }).waitFor();
  await onEmpty?.(page);
  await describePerimeter(page);
  await openSessionAndSignUp(page, household);
}

/**
 * On the screen that says the server has nothing for the perimeter joined: describes it with one
 * building (Bâtiment A) and one founder (Fatima), and creates it.
 */
export async function describePerimeter(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Décrire ce nouveau périmètre' }).click();
  await page.getByLabel('Nom du périmètre').fill('Résidence des Tilleuls');
  await page.getByLabel('Rue ou bâtiment n° 1').fill('Bâtiment A');
  await page.getByLabel('Nombre de logements').fill('80');
  const founder = page.getByRole('group', { name: 'Personne n° 1' });
  await founder.getByLabel('Nom').fill('Fatima');
  await founder.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
  await page.getByRole('button', { name: 'Créer notre périmètre' }).click();
}

/** From the home of `describePerimeter`: opens a session with Fatima present, then `signUpHousehold`. */
export async function openSessionAndSignUp(page: Page, household: string): Promise<void> {
  await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
  await page.getByLabel('Lieu de la rencontre').fill('Square des Tilleuls');
  await page.getByRole('radio', { name: 'Apéritif' }).check();
  await page.getByRole('checkbox', { name: 'Fatima' }).check();
  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
  await signUpHousehold(page, household);
}

/**
 * From a session's screen: signs `household` up in Bâtiment A with the consent to keep its data
 * (and what `more` fills in besides, before sending), and ends on its scan.
 */
export async function signUpHousehold(
  page: Page,
  household: string,
  more?: (page: Page) => Promise<void>,
): Promise<void> {
  await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
  await page.getByLabel('Nom que les voisins verront').fill(household);
  await page.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
  await more?.(page);
  await page.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
  await page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
  await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
}

/** A household's id and its answers (idea id -> value), as this device's read model holds them. */
export function answersOf(
  page: Page,
  household: string,
): Promise<{ householdId: string; answers: Record<string, string> }> {
  return page.evaluate(async (name) => {
    const all = await indexedDB.databases();
    const dbName = all.find((d) => d.name?.startsWith('tissage-read-'))?.name ?? '';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const read = <T>(store: string) =>
      new Promise<T[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
      });
    const households = await read<{ id: string; name: string }>('households');
    const householdId = households.find((h) => h.name === name)?.id ?? '';
    const rows = await read<{ householdId: string; answers: Record<string, string> }>('householdAnswers');
    db.close();
    return { householdId, answers: rows.find((row) => row.householdId === householdId)?.answers ?? {} };
  }, household);
}

/**
 * Starts noting, in the page, every state the sync indicator takes from now on (a MutationObserver
 * on `data-sync`), so that a test can say what it showed in between two looks.
 */
export async function recordSyncStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { syncStates: string[] }).syncStates = seen;
    const note = () => {
      const state = document.querySelector('.sync')?.getAttribute('data-sync');
      if (state && seen.at(-1) !== state) seen.push(state);
    };
    note();
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-sync'],
    });
  });
}

/** Every state noted since `recordSyncStates`, in order, without repeats. */
export function recordedSyncStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { syncStates: string[] }).syncStates);
}
