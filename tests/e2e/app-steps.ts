/**
 * What a facilitator does in the built app, and what a test reads from a device, shared by the
 * end-to-end tests that sync with the real server.
 */
import type { Page } from 'playwright';
import { expect } from 'vitest';
import { waitForServiceWorker } from './harness';

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

/**
 * A tablet's first visit with the invitation `code` at `origin`: joins, waits until the service
 * worker holds the app, then `describePerimeter`; ends on the perimeter's home.
 */
export async function joinAndDescribe(page: Page, origin: string, code: string): Promise<void> {
  await page.goto(`${origin}#/join/${code}`);
  await waitForServiceWorker(page);
  await describePerimeter(page);
}

/**
 * From the home of `describePerimeter`: opens a session (an apéritif at the Square des Tilleuls)
 * with Fatima present; ends once it is asked to open, on the way to the session's screen.
 */
export async function openSessionWithFatima(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
  await page.getByLabel('Lieu de la rencontre').fill('Square des Tilleuls');
  await page.getByRole('radio', { name: 'Apéritif' }).check();
  await page.getByRole('checkbox', { name: 'Fatima' }).check();
  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
}

/** From the home of `describePerimeter`: `openSessionWithFatima`, then `signUpHousehold`. */
export async function openSessionAndSignUp(page: Page, household: string): Promise<void> {
  await openSessionWithFatima(page);
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

/**
 * From a session's screen: `signUpHousehold` with its phone number `phone` and the consent to be
 * contacted when `phone` is not empty, and Fatima as a witness when the form asks for one; ends on
 * its scan. Returns the household's id, as the scan's address holds it.
 */
export async function signUpWithPhone(page: Page, household: string, phone: string): Promise<string> {
  await signUpHousehold(page, household, async (p) => {
    if (phone) {
      await p.getByRole('textbox', { name: /^Téléphone/ }).fill(phone);
      await p.getByRole('checkbox', { name: /donne mon numéro ou mon e-mail/ }).check();
    }
    const witnesses = p.getByRole('group', { name: /Voisins qui accueillent/ });
    if ((await witnesses.count()) > 0) await witnesses.getByRole('checkbox', { name: 'Fatima' }).check();
  });
  return /#\/scan\/([a-z0-9-]+)/.exec(page.url())?.[1] ?? '';
}

/**
 * The tablet creates a phone access for the household `householdId` on its page at `origin`;
 * returns the short code its card shows (four groups of four, as a person types it), or '' if none.
 */
export async function issuePhoneAccess(page: Page, origin: string, householdId: string): Promise<string> {
  await page.goto(`${origin}#/acces/${householdId}`);
  await page.getByRole('button', { name: 'Créer un accès pour le téléphone' }).click();
  const card = await page.locator('.short-code').innerText();
  return /[a-z0-9]{4}(?:[\s-]+[a-z0-9]{4}){3}/.exec(card)?.[0] ?? '';
}

/**
 * A household's phone at `origin` types its short `code` on « J’ai un code » (once the service
 * worker holds the app) and sends it; the caller waits for the screen it expects next.
 */
export async function enterPhoneCode(page: Page, origin: string, code: string): Promise<void> {
  await page.goto(`${origin}#/code`);
  await waitForServiceWorker(page);
  await page.getByLabel('Votre code').fill(code);
  await page.getByRole('button', { name: 'Utiliser ce code' }).click();
}

/** The device's credentials (one per perimeter joined), as its `access` table in `tissage-device` holds them. */
export function storedTokens(page: Page): Promise<(string | undefined)[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tissage-device');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ token?: string }[]>((resolve) => {
      const request = db.transaction('access').objectStore('access').getAll();
      request.onsuccess = () => resolve(request.result as { token?: string }[]);
    });
    db.close();
    return rows.map((row) => row.token);
  });
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
