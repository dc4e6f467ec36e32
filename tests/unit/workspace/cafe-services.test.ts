/**
 * What the café screens are given (workspace/cafe-services.ts), over a real workspace on
 * fake-indexeddb: a planned café is the next one, ticks follow on the board with the theme's link
 * among those present, a phone's "Je suis là" reads the poster and is recorded as the household's
 * own (another perimeter's poster, a cancelled café's and one over by the clock are refused), a
 * sign-up at the café counts the new household present at once, a micro-project starts with its
 * group, and the tablet's relay session brings a phone with no network up to date and takes its
 * answer, stored.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { answer } from '../../../src/domain';
import { RelaySession } from '../../../src/sync/relay-session';
import { PerimeterDoc } from '../../../src/sync/perimeter-doc';
import { PerimeterWorkspace } from '../../../src/workspace/perimeter-workspace';
import { posterCode } from '../../../src/domain/cafe-poster-code';
import { cafeServices } from '../../../src/workspace/cafe-services';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { deps, must, places, signUpInput } from '../../fixtures/workspace';
import { collect, twoFounders } from './two-founders';

beforeEach(() => {
  freshIndexedDb();
});

const IDEA = catalogue.ideas.find((idea) => idea.kind === 'exchange')!;

async function setUp() {
  const { device, env, workspace, fatima, jean } = await twoFounders(IDEA.id);
  const services = cafeServices({
    perimeterId: workspace.id,
    device,
    env,
    workspace: async () => workspace,
    catalogue: async () => catalogue,
  });
  // The day after the test clock's: nextCafe reads the café's times in Paris (domain/cafe-status.ts).
  const cafeId = must(
    await services.commands.planCafe({
      date: '2026-11-22',
      start: '15:00',
      end: '17:00',
      place: places[0]!,
      theme: IDEA.theme,
      localTheme: null,
      ideaIds: [],
      welcome: 'Bienvenue',
    }),
  );
  // The same device with its clock at `start` (the café is 14:00 to 16:00 UTC on 22 November).
  const phoneAt = (start: string) =>
    cafeServices({
      perimeterId: workspace.id,
      device,
      env: testEnv(start),
      workspace: async () => workspace,
      catalogue: async () => catalogue,
    });
  const asPhoneOf = (householdId: string) =>
    device.access.put({
      perimeterId: workspace.id,
      role: 'household',
      token: 'not-used-here',
      householdId,
      joinedAt: '2026-11-21T14:00:00.000Z',
    });
  return { device, env, workspace, services, fatima, jean, cafeId, asPhoneOf, phoneAt };
}

describe('the café screens’ services', () => {
  it('the planned café is the next one; ticks follow on the board, with the link among those present', async () => {
    const { services, fatima, jean, cafeId } = await setUp();
    const next = collect(services.queries.nextCafe());
    await vi.waitFor(() => expect(next.values.at(-1)?.id).toBe(cafeId));
    const board = collect(services.queries.cafeBoard(cafeId));
    await vi.waitFor(() => expect(board.values.at(-1)?.present).toEqual([]));

    must(await services.commands.checkIn(cafeId, fatima));
    must(await services.commands.checkIn(cafeId, jean));
    await vi.waitFor(() => expect(board.values.at(-1)?.present).toEqual([fatima, jean].sort()));
    expect(board.values.at(-1)?.how).toEqual({ [fatima]: 'ticked', [jean]: 'ticked' });
    expect(board.values.at(-1)?.links).toEqual([expect.objectContaining({ ideaId: IDEA.id, state: 'none' })]);

    must(await services.commands.checkIn(cafeId, jean, false));
    await vi.waitFor(() => expect(board.values.at(-1)?.present).toEqual([fatima]));
    expect(board.values.at(-1)?.links).toEqual([]);
    next.stop();
    board.stop();
  });

  it('a phone says "Je suis là" with the poster: its own presence, scanned; other posters refused', async () => {
    const { workspace, services, fatima, jean, cafeId, asPhoneOf, phoneAt } = await setUp();
    await asPhoneOf(jean);
    // The day before (the test clock's): the poster is up, the café is not on yet; nothing recorded.
    expect(await services.commands.checkInByPoster(jean, posterCode(workspace.id, cafeId))).toEqual({
      ok: false,
      error: 'poster-cafe-early',
    });
    expect(workspace.doc.map('attendance').get(`${cafeId}/${jean}`)).toBeUndefined();
    expect(await services.commands.checkInByPoster(jean, posterCode('other-perimeter', cafeId))).toEqual({
      ok: false,
      error: 'poster-other-perimeter',
    });
    expect(await services.commands.checkInByPoster(jean, 'hello')).toEqual({
      ok: false,
      error: 'poster-unknown',
    });
    expect(
      await phoneAt('2026-11-22T13:30:00.000Z').commands.checkInByPoster(
        jean,
        posterCode(workspace.id, cafeId),
      ),
    ).toEqual({
      ok: true,
      cafeId,
    });
    expect(workspace.doc.map('attendance').get(`${cafeId}/${jean}`)).toMatchObject({
      present: true,
      how: 'scanned',
      by: 'household',
    });
    const mine = collect(services.queries.householdCafe(jean));
    await vi.waitFor(() => expect(mine.values.at(-1)?.here).toBe(true));
    // Fatima is not there: still a match, after those present.
    expect(mine.values.at(-1)?.links).toEqual([expect.objectContaining({ otherId: fatima, present: false })]);
    mine.stop();
  });

  it('refuses a cancelled café’s poster', async () => {
    const { workspace, services, jean, cafeId, asPhoneOf } = await setUp();
    must(await services.commands.updateCafe(cafeId, { state: 'cancelled' }));
    await asPhoneOf(jean);
    expect(await services.commands.checkInByPoster(jean, posterCode(workspace.id, cafeId))).toEqual({
      ok: false,
      error: 'poster-cafe-cancelled',
    });
  });

  it('refuses the poster of a café over by the clock and not marked held yet, takes it in its hours', async () => {
    const { workspace, jean, cafeId, asPhoneOf, phoneAt } = await setUp();
    await asPhoneOf(jean);
    const poster = posterCode(workspace.id, cafeId);
    expect(await phoneAt('2026-11-22T16:00:00.000Z').commands.checkInByPoster(jean, poster)).toEqual({
      ok: false,
      error: 'poster-cafe-over',
    });
    expect(await phoneAt('2026-11-22T14:30:00.000Z').commands.checkInByPoster(jean, poster)).toEqual({
      ok: true,
      cafeId,
    });
  });

  it('signs a household up at the café, witnessed by one present: present at once, its contact kept here', async () => {
    const { device, services, fatima, cafeId } = await setUp();
    must(await services.commands.checkIn(cafeId, fatima));
    const lea = must(await services.commands.signUpAtCafe(cafeId, signUpInput('Léa', [fatima])));
    const board = collect(services.queries.cafeBoard(cafeId));
    await vi.waitFor(() => expect(board.values.at(-1)?.present).toContain(lea));
    expect(await device.contacts.get(lea)).toBeDefined();
    board.stop();
  });

  it('offers a micro-project for a collective idea once its group reaches the perimeter’s threshold', async () => {
    const { workspace, services, fatima, jean, cafeId } = await setUp();
    const collective = catalogue.ideas.find((idea) => idea.kind === 'collective')!.id;
    must(await workspace.setGroupThreshold(2));
    const board = collect(services.queries.cafeBoard(cafeId));
    must(await workspace.answer(fatima, collective, 'join', undefined));
    await vi.waitFor(() => expect(board.values.at(-1)?.groups).toEqual([]));
    must(await workspace.answer(jean, collective, 'join', undefined));
    await vi.waitFor(() =>
      expect(board.values.at(-1)?.groups).toEqual([{ ideaId: collective, members: [fatima, jean].sort() }]),
    );
    board.stop();
  });

  it('starts a micro-project with its members, who see it on their phone', async () => {
    const { services, fatima, jean } = await setUp();
    const key = must(
      await services.commands.createProject(
        {
          ownerId: null,
          name: 'Grainothèque',
          ideaId: null,
          nextStep: 'Trouver une étagère',
          nextStepDate: null,
        },
        [fatima, jean],
      ),
    );
    const mine = collect(services.queries.householdCafe(jean));
    await vi.waitFor(() =>
      expect(mine.values.at(-1)?.projects).toEqual([
        expect.objectContaining({ key, members: [fatima, jean].sort() }),
      ]),
    );
    must(await services.commands.setMembership(key, jean, false));
    await vi.waitFor(() => expect(mine.values.at(-1)?.projects).toEqual([]));
    mine.stop();
  });

  it('the tablet’s relay brings a phone up to date and takes its answer, stored on the tablet', async () => {
    const { device, env, workspace, services, jean } = await setUp();
    // The phone synced before the next café was planned; since then Jean answered on it.
    const phoneDoc = new Y.Doc();
    Y.applyUpdate(phoneDoc, Y.encodeStateAsUpdate(workspace.doc.doc));
    const cafeId = must(
      await services.commands.planCafe({
        date: '2026-12-20',
        start: '10:00',
        end: '12:00',
        place: places[1]!,
        theme: IDEA.theme,
        localTheme: null,
        ideaIds: [],
        welcome: '',
      }),
    );
    const phoneView = new PerimeterDoc(phoneDoc, catalogue);
    const other = catalogue.ideas.find((idea) => idea.kind === 'exchange' && idea.id !== IDEA.id)!.id;
    phoneView.apply(
      must(answer(phoneView, env, { householdId: jean, ideaId: other, value: 'offer' })).changes,
      null,
    );
    const phone = new RelaySession({
      doc: phoneDoc,
      perimeterId: workspace.id,
      self: { kind: 'household', householdId: jean },
      catalogueIdeas: new Set(catalogue.ideas.map((idea) => idea.id)),
      origin: 'relay',
    });
    const tablet = await services.commands.relaySession();
    const pass = (from: { showing(): { next(): string; parts: number } }, to: RelaySession) => {
      const frames = from.showing();
      for (let i = 0; i < frames.parts * 3; i++) {
        const step = to.read(frames.next());
        if (step.status === 'done') return step;
        if (step.status !== 'progress') throw new Error(JSON.stringify(step));
      }
      throw new Error('never done');
    };
    pass(phone, tablet); // the phone's state vector
    pass(tablet, phone); // what the phone lacks, and the tablet's state vector
    expect(phoneView.map('cafes').get(cafeId)).toBeDefined();
    pass(phone, tablet); // what the tablet lacks
    expect(workspace.doc.answerOf(jean, other)).toBe('offer');
    await workspace.close();
    const reopened = await PerimeterWorkspace.open(workspace.id, deps(env, device));
    expect(reopened.doc.answerOf(jean, other)).toBe('offer');
    await reopened.close();
  });
});
