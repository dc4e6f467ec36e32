/**
 * One action per intended tap. An older hand taps twice, or taps again while the screen changes:
 * the second tap must never answer an idea nobody read, nor press whatever now sits under the
 * finger on the next screen. Real mouse input (pointerdown, pointerup, click) at a button's place,
 * on a phone whose CPU is slowed four times, as a mid-range phone's is.
 */
import type { CDPSession, Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { answer, answersOf, ideaTitle } from './app-steps';
import {
  fingerOn,
  foundPerimeter,
  openOffline,
  openSession,
  signUp,
  storeRows,
  tapsSettled,
} from './cafe-steps';
import { SMALL_PHONE, TABLET, servedAppAndProfile, shoot } from './harness';

let page: Page;
let cdp: CDPSession;

servedAppAndProfile(async (app) => {
  const context = await app.launch(TABLET);
  page = await context.newPage();
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) noted.push(new URL(frame.url()).hash);
  });
  cdp = await context.newCDPSession(page);
  await openOffline(page, app.url);
  await foundPerimeter(page, ['Fatima', 'Jean']);
  await openSession(page, ['Fatima']);
});

/** Everything the screen shows: it changes when the screen (or the idea) changes. */
const screen = (p: Page) =>
  p.evaluate(() => `${location.hash}\n${document.querySelector('main')?.textContent}`);

/**
 * Every change of address of the page since the last `noteAddresses`, as the browser reports its
 * navigations (same-document ones included) to Playwright: outside the page, so nothing the app
 * does can hide one.
 */
let noted: string[] = [];
const noteAddresses = () => {
  noted = [];
};
/**
 * The addresses the page went to, a repeat of the address it is already at left out: a second tap
 * on a link whose navigation has begun goes to the same address again, which changes nothing.
 */
const addresses = () => noted.filter((hash, i) => hash !== noted[i - 1]);

type Mode = 'double tap' | 'tap during the change';

/**
 * Taps `target` twice with a finger that does not move: as a double tap (the two within a few
 * milliseconds), or a second tap as soon as anything on screen changed after the first (a button
 * saying "saving", the next screen). Resolves once `arrived` holds (by default: the screen
 * changed) and the tap guard has dealt with both taps.
 */
async function tapTwice(target: Locator, mode: Mode, arrived?: () => Promise<boolean>): Promise<void> {
  await target.waitFor();
  await tapsSettled(page);
  const { x, y } = await fingerOn(target);
  noteAddresses();
  const before = await screen(page);
  const changed = async () => (await screen(page)) !== before;
  if (mode === 'double tap') {
    await page.mouse.dblclick(x, y);
  } else {
    await page.mouse.click(x, y);
    await expect.poll(changed).toBe(true);
    await page.mouse.click(x, y);
  }
  await expect.poll(arrived ?? changed).toBe(true);
  await tapsSettled(page);
}

/** A session's address; not the form that opens one (`#/session/new`). */
const SESSION = /^#\/session\/(?!new$)[a-z0-9-]+$/;

/** Whether the address is now one that `pattern` matches. */
const at = (pattern: RegExp) => async () => pattern.test(await page.evaluate(() => location.hash));

const households = () => storeRows<{ id: string; name: string }>(page, 'tissage-read-', 'households');
const sessions = () => storeRows<{ id: string }>(page, 'tissage-read-', 'sessions');
/** Goes to an address as a link would, and waits until the change has been heard and has settled. */
const go = async (hash: string) => {
  await page.evaluate(
    (h) =>
      new Promise<void>((resolve) => {
        if (location.hash === h) return resolve();
        addEventListener('hashchange', () => resolve(), { once: true });
        location.hash = h;
      }),
    hash,
  );
  await tapsSettled(page);
};

describe('on the scan, at 360 × 740 on a slow phone', () => {
  it('two taps on "Je cherche" answer the one idea that was on screen, never the next', async () => {
    await signUp(page, 'Léa', 'Bâtiment B', 'Fatima');
    await page.setViewportSize(SMALL_PHONE);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await tapsSettled(page);
    const first = await ideaTitle(page);
    const seek = page.getByRole('button', { name: 'Je cherche', exact: true });
    const { x, y } = await fingerOn(seek);
    await page.evaluate(() => {
      const w = window as unknown as { downs: number[] };
      w.downs = [];
      addEventListener('pointerdown', () => w.downs.push(performance.now()), { capture: true });
    });

    // First tap; a second one as soon as the finger is up, while the answer is being written; a
    // third as soon as the next idea shows, while it settles.
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.up();
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => ideaTitle(page)).not.toBe(first);
    const second = await ideaTitle(page);
    await page.mouse.down();
    await page.mouse.up();
    await tapsSettled(page);

    const downs = await page.evaluate(() => (window as unknown as { downs: number[] }).downs);
    const gaps = downs.slice(1).map((at) => Math.round(at - downs[0]!));
    console.info(`taps after the first, in ms: ${gaps.join(', ')}`);
    expect(downs).toHaveLength(3);

    const { answers } = await answersOf(page, 'Léa');
    expect(Object.values(answers)).toEqual(['seek']);
    expect(await ideaTitle(page)).toBe(second);
    await shoot(page, 'taps-01-scan-after-three-taps');

    // Once the idea has settled, a tap is a tap: the second idea is answered (joined, if it is
    // a collective one, whose buttons sit elsewhere).
    await answer(page, 'Je cherche');
    expect(Object.keys((await answersOf(page, 'Léa')).answers)).toHaveLength(2);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  });

  for (const mode of ['double tap', 'tap during the change'] as const) {
    it(`${mode} on "Retour" and "Passer ce thème" moves one idea, one theme`, async () => {
      const position = async () =>
        Number(await page.locator('.scan-progress progress').getAttribute('value'));
      const theme = () => page.evaluate(() => document.querySelector('.theme-title')?.textContent);
      const at = await position();
      await tapTwice(page.getByRole('button', { name: 'Retour' }), mode);
      expect(await position()).toBe(at - 1);

      const firstTheme = await theme();
      await tapTwice(page.getByRole('button', { name: 'Passer ce thème' }), mode);
      expect(await theme()).not.toBe(firstTheme);
      // The first idea of the next theme, with the theme's introduction: none of it was skipped.
      await expect(page.locator('.theme-intro').count()).resolves.toBe(1);
      const nextThemeAt = await position();
      await tapTwice(page.getByRole('button', { name: 'Retour' }), mode);
      expect(await position()).toBe(nextThemeAt - 1);
      expect(await theme()).toBe(firstTheme);
    });
  }
});

describe('every button that moves to another screen, on the tablet', () => {
  /**
   * Each navigating button: the screen it is on, how to find it, and the address it leads to.
   * After two taps, exactly one change of address, to that one.
   */
  const cases: { name: string; from: () => Promise<void>; button: () => Locator; to: RegExp }[] = [
    {
      name: 'home → "Ouvrir une séance d’inscription"',
      from: () => go('#/'),
      button: () => page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }),
      to: /^#\/session\/new$/,
    },
    {
      name: 'home → "Reprendre la séance"',
      from: () => go('#/'),
      button: () => page.getByRole('link', { name: 'Reprendre la séance' }),
      to: SESSION,
    },
    {
      name: 'session → "Inscrire un foyer"',
      from: async () => {
        await go('#/');
        await page.getByRole('link', { name: 'Reprendre la séance' }).click();
        await tapsSettled(page);
      },
      button: () => page.getByRole('link', { name: 'Inscrire un foyer' }),
      to: /^#\/session\/[a-z0-9-]+\/signup$/,
    },
    {
      name: 'session → "Continuer" (Léa)',
      from: async () => {
        await go('#/');
        await page.getByRole('link', { name: 'Reprendre la séance' }).click();
        await tapsSettled(page);
      },
      button: () => page.getByRole('link', { name: /Continuer.*Léa/ }),
      to: /^#\/scan\/[a-z0-9-]+$/,
    },
    {
      name: 'scan → "Faire une pause"',
      from: async () => {
        await go('#/');
        await page.getByRole('link', { name: 'Reprendre la séance' }).click();
        await page.getByRole('link', { name: /Continuer.*Léa/ }).click();
        await tapsSettled(page);
      },
      button: () => page.getByRole('link', { name: 'Faire une pause' }),
      to: SESSION,
    },
    {
      name: 'home → "Résumé" (Léa)',
      from: () => go('#/'),
      button: () => page.getByRole('link', { name: /Résumé.*Léa/ }),
      to: /^#\/summary\/[a-z0-9-]+$/,
    },
    {
      name: 'summary → "Changer" (one answer)',
      from: async () => {
        await go('#/');
        await page.getByRole('link', { name: /Résumé.*Léa/ }).click();
        await tapsSettled(page);
      },
      button: () => page.getByRole('link', { name: /^Changer/ }).first(),
      to: /^#\/scan\/[a-z0-9-]+\/idee\/[a-z0-9-]+$/,
    },
    {
      name: 'summary → "Terminer"',
      from: async () => {
        await go('#/');
        await page.getByRole('link', { name: /Résumé.*Léa/ }).click();
        await tapsSettled(page);
      },
      button: () => page.getByRole('link', { name: 'Terminer' }),
      to: SESSION,
    },
    {
      name: 'summary → "Voir ce thème" (a theme never seen)',
      from: async () => {
        await go('#/');
        await page.getByRole('link', { name: /Résumé.*Léa/ }).click();
        await tapsSettled(page);
      },
      button: () => page.getByRole('link', { name: /^Voir ce thème/ }).first(),
      to: /^#\/scan\/[a-z0-9-]+\/theme\/[a-z0-9-]+$/,
    },
    {
      name: 'sign-up → "Revenir à la séance"',
      from: async () => {
        await go('#/');
        await page.getByRole('link', { name: 'Reprendre la séance' }).click();
        await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
        await tapsSettled(page);
      },
      button: () => page.getByRole('link', { name: 'Revenir à la séance' }),
      to: SESSION,
    },
    {
      name: 'home → "Cet appareil"',
      from: () => go('#/'),
      button: () => page.getByRole('link', { name: /^Cet appareil/ }),
      to: /^#\/appareil$/,
    },
    {
      name: 'home → "Accès téléphone" (Fatima)',
      from: () => go('#/'),
      button: () => page.getByRole('link', { name: /Accès téléphone.*Fatima/ }),
      to: /^#\/acces\/[a-z0-9-]+$/,
    },
    {
      name: 'home → "Gérer les idées du catalogue"',
      from: () => go('#/'),
      button: () => page.getByRole('link', { name: 'Gérer les idées du catalogue' }),
      to: /^#\/catalogue$/,
    },
    {
      name: 'catalogue → header "Accueil"',
      from: () => go('#/catalogue'),
      button: () => page.getByRole('link', { name: /Accueil/ }).first(),
      to: /^#\/$/,
    },
  ];

  for (const mode of ['double tap', 'tap during the change'] as const) {
    for (const step of cases) {
      it(`${mode}: ${step.name}`, async () => {
        await step.from();
        const before = (await households()).length;
        const answered = Object.keys((await answersOf(page, 'Léa')).answers).length;
        await tapTwice(step.button(), mode, at(step.to));
        const changes = addresses();
        expect(changes).toHaveLength(1);
        expect(changes[0]).toMatch(step.to);
        expect(await page.evaluate(() => location.hash)).toBe(changes[0]);
        // Nothing was done on the screen the second tap landed on.
        expect((await households()).length).toBe(before);
        expect(Object.keys((await answersOf(page, 'Léa')).answers)).toHaveLength(answered);
      });
    }
  }

  for (const mode of ['double tap', 'tap during the change'] as const) {
    it(`${mode}: "Ouvrir la séance" opens one session`, async () => {
      await go('#/session/new');
      await page.getByLabel('Lieu de la rencontre').fill(`Square (${mode})`);
      await page.getByRole('radio', { name: 'Apéritif' }).check();
      await page.getByRole('checkbox', { name: 'Jean' }).check();
      const before = (await sessions()).length;
      await tapTwice(page.getByRole('button', { name: 'Ouvrir la séance' }), mode, at(SESSION));
      // The browser reports navigations to Playwright on its own channel, which may lag behind the
      // page's answer about its address on a loaded machine: waited for, then counted exactly.
      await expect.poll(() => addresses().length).toBeGreaterThan(0);
      expect(addresses()).toHaveLength(1);
      expect(await page.evaluate(() => location.hash)).toMatch(SESSION);
      expect((await sessions()).length).toBe(before + 1);
    });

    it(`${mode}: "Inscrire ce foyer et commencer" signs one household up, answers nothing`, async () => {
      const name = mode === 'double tap' ? 'Omar' : 'Mireille';
      await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
      await tapsSettled(page);
      await page.getByLabel('Nom que les voisins verront').fill(name);
      await page.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
      await page.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
      await page
        .getByRole('group', { name: /Voisins qui accueillent/ })
        .getByRole('checkbox', { name: 'Jean' })
        .check();
      const before = (await households()).length;
      await tapTwice(
        page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }),
        mode,
        at(/^#\/scan\/[a-z0-9-]+$/),
      );
      expect(await page.evaluate(() => location.hash)).toMatch(/^#\/scan\/[a-z0-9-]+$/);
      expect((await households()).filter((h) => h.name === name)).toHaveLength(1);
      expect((await households()).length).toBe(before + 1);
      expect((await answersOf(page, name)).answers).toEqual({});
      await page.getByRole('link', { name: 'Faire une pause' }).click();
      await tapsSettled(page);
    });
  }

  it('closing a session: two taps on "Clore la séance" only ask; two on "Oui" close it once', async () => {
    await page.getByRole('button', { name: 'Clore la séance' }).waitFor();
    await tapTwice(page.getByRole('button', { name: 'Clore la séance' }), 'tap during the change');
    // Still asking: the second tap did not confirm.
    await expect(page.getByRole('button', { name: 'Oui, clore la séance' }).isVisible()).resolves.toBe(true);
    await shoot(page, 'taps-02-close-asks');
    await tapTwice(
      page.getByRole('button', { name: 'Oui, clore la séance' }),
      'tap during the change',
      at(/^#\/$/),
    );
    expect(addresses()).toHaveLength(1);
    expect(await page.evaluate(() => location.hash)).toBe('#/');
  });
});

describe('a button that changes its own screen', () => {
  for (const mode of ['double tap', 'tap during the change'] as const) {
    it(`${mode} on "Créer un accès pour le téléphone" gives one access`, async () => {
      await go('#/');
      await page.getByRole('link', { name: /Accès téléphone.*Jean/ }).click();
      await tapsSettled(page);
      // The list of accesses already given is read after the screen shows: count them once it
      // has arrived (its empty message, or its rows), or an earlier access would count as new.
      const accesses = page.getByRole('region', { name: 'Accès déjà donnés' });
      await expect
        .poll(async () => (await accesses.getByText(/^Accès créé|^Aucun accès/).count()) > 0)
        .toBe(true);
      const before = await page.getByText(/^Accès créé/).count();
      await tapTwice(page.getByRole('button', { name: 'Créer un accès pour le téléphone' }), mode, async () =>
        page.getByText('Tissage sur votre téléphone').isVisible(),
      );
      await expect.poll(() => page.getByText(/^Accès créé/).count()).toBe(before + 1);
      await shoot(page, `taps-03-access-${mode === 'double tap' ? 'double' : 'during'}`);
    });
  }
});

describe('a box ticked with a double tap', () => {
  it('stays ticked, on the box and on its words; a later single tap unticks it', async () => {
    await go('#/');
    // Earlier tests opened more than one session: any will do.
    await page.getByRole('link', { name: 'Reprendre la séance' }).first().click();
    await tapsSettled(page);
    await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
    await tapsSettled(page);
    const consent = page.getByRole('checkbox', { name: /J’accepte que l’association garde/ });
    // CheckItem: the whole row is the label, the box at its start; its middle is the words.
    const words = page.locator('label').filter({ has: consent });
    expect(await consent.isChecked()).toBe(false);

    const box = await fingerOn(consent);
    await page.mouse.dblclick(box.x, box.y);
    await expect.poll(() => consent.isChecked()).toBe(true);
    await page.mouse.click(box.x, box.y);
    await expect.poll(() => consent.isChecked()).toBe(false);

    const label = await fingerOn(words);
    await page.mouse.dblclick(label.x, label.y);
    await expect.poll(() => consent.isChecked()).toBe(true);
  });
});
