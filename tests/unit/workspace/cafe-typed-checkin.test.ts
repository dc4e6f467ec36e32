/**
 * "Je suis là" typed instead of filmed (issue 12, a tester's fault): a phone with no camera types
 * the code printed under the poster's QR (domain/cafe-poster-code.ts posterTypedCode). The same
 * command as a scan (cafe-services.ts checkInByPoster) checks it against the next café on the
 * phone's own document, with no network: a wrong or empty code writes nothing to the document, the
 * right one records the household's own presence as from the poster.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { posterTypedCode } from '../../../src/domain/cafe-poster-code';
import { openDeviceDb } from '../../../src/storage/device-db';
import { cafeServices } from '../../../src/workspace/cafe-services';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { createdWorkspace, must, places } from '../../fixtures/workspace';

beforeEach(() => {
  freshIndexedDb();
});

describe('the poster’s code typed on a phone', () => {
  it('records nothing for a wrong or empty code, and the household’s own presence for the right one', async () => {
    const device = openDeviceDb();
    const env = testEnv();
    const { workspace, founderIds } = await createdWorkspace(env, device);
    const jean = founderIds[1]!;
    const services = cafeServices({
      perimeterId: workspace.id,
      device,
      env,
      workspace: async () => workspace,
      catalogue: async () => catalogue,
    });
    // The test clock's day, on from 15:00 in Paris (14:00 UTC, the test clock's): a phone's own
    // check-in is taken during the café (domain cafe-status.ts householdCheckInWindow).
    const cafeId = must(
      await services.commands.planCafe({
        date: '2026-11-21',
        start: '15:00',
        end: '17:00',
        place: places[0]!,
        theme: catalogue.themes[0]!.id,
        localTheme: null,
        ideaIds: [],
        welcome: '',
      }),
    );
    await device.access.put({
      perimeterId: workspace.id,
      role: 'household',
      token: 'not-used-here',
      householdId: jean,
      joinedAt: '2026-11-21T14:00:00.000Z',
    });
    const attendance = () => workspace.doc.map('attendance').get(`${cafeId}/${jean}`);
    const right = posterTypedCode(workspace.id, cafeId);
    const wrong = posterTypedCode(workspace.id, `${cafeId}-x`);

    for (const [typed, error] of [
      [wrong, 'poster-typed-wrong'],
      [posterTypedCode('other-perimeter', cafeId), 'poster-typed-wrong'],
      ['', 'poster-unknown'],
      [right.slice(0, 5), 'poster-unknown'],
    ] as const) {
      expect(await services.commands.checkInByPoster(jean, typed), typed).toEqual({ ok: false, error });
      expect(attendance(), typed).toBeUndefined();
    }

    expect(await services.commands.checkInByPoster(jean, ` ${right.toLowerCase()} `)).toEqual({
      ok: true,
      cafeId,
    });
    expect(attendance()).toMatchObject({ present: true, how: 'scanned', by: 'household' });
  });
});
