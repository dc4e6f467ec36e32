/**
 * The café's first steps on a tablet with no server, as a facilitator clicks them (by accessible
 * name), shared by the end-to-end tests of the flows: taps, handover.
 */
import type { Locator, Page } from 'playwright';
import { expect } from 'vitest';
import { wallTime, zonedInstant } from '../../src/domain/cafe-status';
import { waitForServiceWorker } from './harness';

/** Loads the app once online, then cuts the network: everything after works offline. */
export async function openOffline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForServiceWorker(page);
  await page.context().setOffline(true);
  await page.reload();
}

/** Creates a perimeter with two buildings and the given founders, all in "Bâtiment A". */
export async function foundPerimeter(page: Page, founders: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Créer un périmètre' }).click();
  await page.getByLabel('Nom du périmètre').fill('Résidence des Tilleuls');
  await page.getByLabel('Rue ou bâtiment n° 1').fill('Bâtiment A');
  await page.getByRole('button', { name: 'Ajouter une rue ou un bâtiment' }).click();
  await page.getByLabel('Rue ou bâtiment n° 2').fill('Bâtiment B');
  await page.getByLabel('Nombre de logements').fill('120');
  for (const [i, name] of founders.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Ajouter une personne' }).click();
    const founder = page.getByRole('group', { name: `Personne n° ${i + 1}` });
    await founder.getByLabel('Nom').fill(name);
    await founder.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
  }
  await page.getByRole('button', { name: 'Créer notre périmètre' }).click();
  await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).waitFor();
}

/** Opens a session from the home, with `present` ticked; ends on the session's screen. */
export async function openSession(page: Page, present: string[]): Promise<void> {
  await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
  await page.getByLabel('Lieu de la rencontre').fill('Salle commune');
  await page.getByRole('radio', { name: 'Café' }).check();
  for (const name of present) await page.getByRole('checkbox', { name }).check();
  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
  await page.getByRole('link', { name: 'Inscrire un foyer' }).waitFor();
}

/** Fills the sign-up form (the consent too) without sending it. */
export async function fillSignUp(page: Page, name: string, place: string, witness: string): Promise<void> {
  await page.getByLabel('Nom que les voisins verront').fill(name);
  await page.getByLabel('Rue ou bâtiment').selectOption(place);
  await page.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
  await page
    .getByRole('group', { name: /Voisins qui accueillent/ })
    .getByRole('checkbox', { name: witness })
    .check();
}

/** From the session's screen: signs a household up and ends on its scan. */
export async function signUp(page: Page, name: string, place: string, witness: string): Promise<void> {
  await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
  await fillSignUp(page, name, place, witness);
  await page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
  await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
}

/** Whether the tap guard's shield is down: every tap made before now has been dealt with. */
export async function tapsSettled(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => !document.querySelector('.tap-shield')?.isConnected))
    .toBe(true);
}

/** The centre of an element, scrolled into view: where a finger would press it. */
export async function fingerOn(target: Locator): Promise<{ x: number; y: number }> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Rows of one store of a Dexie database of this device, read straight from IndexedDB. */
export function storeRows<T>(page: Page, dbPrefix: string, store: string): Promise<T[]> {
  return page.evaluate(
    async ([prefix, name]) => {
      const all = await indexedDB.databases();
      const dbName = all.find((d) => d.name?.startsWith(prefix))?.name;
      if (!dbName) return [];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      if (!db.objectStoreNames.contains(name)) {
        db.close();
        return [];
      }
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return rows;
    },
    [dbPrefix, store] as const,
  ) as Promise<T[]>;
}

/**
 * The date `offsetDays` days from now in the perimeter's calendar (Europe/Paris, as the app reads
 * cafés' dates: domain/cafe-status.ts), as a date input takes it: YYYY-MM-DD. Not this machine's
 * local date, which lags Paris by up to two hours a day when it runs in UTC.
 */
export function perimeterDate(offsetDays = 0): string {
  return wallTime(Date.now() + offsetDays * 24 * 3600 * 1000).slice(0, 10);
}

/**
 * The instant the perimeter's clocks (Europe/Paris) show `time` (HH:MM) on `date` (YYYY-MM-DD),
 * for Playwright's `page.clock.setFixedTime`: a phone's own "Je suis là" is taken only from an
 * hour before a café's start until its end (domain/cafe-status.ts householdCheckInWindow).
 */
export const inParis = (date: string, time: string): Date => new Date(zonedInstant(date, time));

/** A café's day as the phone writes it in a sentence ("samedi 5 décembre"), as i18n formatDate. */
export function frenchDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(y!, m! - 1, d!),
  );
}
