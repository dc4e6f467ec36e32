/**
 * The network as it fails in the field, between Chromium and the real sync server: a TCP proxy
 * (tests/fixtures/controllable-tcp-proxy.ts) that the app reaches as its origin.
 *
 * - A silent loss: the proxy stalls (bytes stop, sockets stay open, the page gets no `offline`
 *   event), then it resets every connection (RST). The tablet keeps answering; every answer stays,
 *   the indicator never says "saved" while changes wait, and says they wait; once the proxy lets
 *   bytes through again, the server has every answer and the indicator says saved.
 * - A dead battery: on a small phone, mid-scan with changes waiting, the browser process is killed
 *   with SIGKILL and launched again on the same profile: no answer the app had shown as recorded is
 *   lost, the scan resumes where it was, and the waiting changes reach the server.
 *
 * What the server holds is read on the server's side, by a second device on a direct link.
 */
import type { BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { parseAnswerKey } from '../../src/domain/records';
import { type ControllableTcpProxy, controllableTcpProxy } from '../fixtures/controllable-tcp-proxy';
import {
  answer,
  answersOf,
  foundAndSignUp,
  ideaTitle,
  indicator,
  recordSyncStates,
  recordedSyncStates,
  syncState,
} from './app-steps';
import { SMALL_PHONE, TABLET, hardKill, launch, newProfileDir, shoot, waitForServiceWorker } from './harness';
import { type SyncServer, startSyncServer } from './sync-harness';

/** Long enough for a reconnection backoff and a store; a guard against hanging, not a measure. */
const PATIENCE = { timeout: 90_000, interval: 250 };

let server: SyncServer;
const opened: { context?: BrowserContext; proxy?: ControllableTcpProxy; remove(): void }[] = [];

beforeAll(async () => {
  server = await startSyncServer();
});

afterAll(async () => {
  for (const { context, proxy, remove } of opened) {
    await context?.close().catch(() => {});
    await proxy?.close();
    remove();
  }
  await server?.stop();
});

/** A household's answers (idea id -> value) in the server's copy of the perimeter. */
async function answersOnServer(perimeterId: string, householdId: string): Promise<Record<string, string>> {
  const doc: Y.Doc = await server.serverDocument(perimeterId);
  const answers: Record<string, string> = {};
  for (const [key, record] of doc.getMap<{ value: string }>('answers').entries()) {
    const ids = parseAnswerKey(key);
    if (ids?.householdId === householdId) answers[ids.ideaId] = record.value;
  }
  return answers;
}

/**
 * Waits until the server has every answer of `household` that the device holds (`count` of them)
 * and the device then says so: the indicator's own count of waiting changes is refreshed a little
 * after each answer, so "saved" alone could still speak of the answer before the last.
 */
async function storedOnServer(page: Page, perimeterId: string, household: string, count: number) {
  await expect.poll(async () => Object.keys((await answersOf(page, household)).answers).length).toBe(count);
  const { householdId, answers } = await answersOf(page, household);
  await expect.poll(() => answersOnServer(perimeterId, householdId), PATIENCE).toEqual(answers);
  await expect.poll(() => syncState(page), PATIENCE).toBe('stored');
}

/** Answers the next `count` ideas, each confirmed on screen before the next. */
async function answerMore(page: Page, count: number): Promise<void> {
  const labels = ['Je propose', 'Je cherche', 'Je propose et je cherche', 'Pas pour moi'];
  for (let i = 0; i < count; i++) await answer(page, labels[i % labels.length]!);
}

describe('a silent network loss on the tablet', () => {
  const profile = newProfileDir();
  let proxy: ControllableTcpProxy;
  let tablet: BrowserContext;
  let t: Page;
  let perimeterId = '';

  it('works through the proxy until it stalls; stalled, it keeps every answer and never says saved', async () => {
    proxy = await controllableTcpProxy(server.port);
    opened.push({ proxy, remove: profile.remove });
    const invited = server.invite('Résidence des Tilleuls');
    perimeterId = invited.perimeterId;
    tablet = await launch(profile.dir, TABLET);
    opened.push({ context: tablet, remove: () => {} });
    t = await tablet.newPage();
    await foundAndSignUp(t, proxy.url, invited.code, 'Léa');
    await waitForServiceWorker(t);
    await answerMore(t, 2);
    await storedOnServer(t, perimeterId, 'Léa', 2);

    proxy.stall();
    await recordSyncStates(t);
    await answerMore(t, 3);
    // The read model follows each answer a frame after it is durable.
    await expect.poll(async () => Object.keys((await answersOf(t, 'Léa')).answers)).toHaveLength(5);
    const { answers: stalled } = await answersOf(t, 'Léa');
    // No offline event and an open socket: the device finds out by itself that nothing comes back,
    // and says the site does not answer, not that this device has no network.
    await expect.poll(() => syncState(t), PATIENCE).toBe('unreachable-waiting');
    // One change per answer given since the last "saved".
    await expect.poll(() => indicator(t).textContent()).toContain('3 changements seront envoyés');
    await shoot(t, 'loss-01-tablet-stalled');
    // Recorded from the last "saved" on: it never came back while the link was stalled.
    const states = await recordedSyncStates(t);
    expect(states[0]).toBe('stored');
    expect(states.slice(1)).not.toContain('stored');
    expect(states).toContain('unreachable-waiting');
    expect((await answersOf(t, 'Léa')).answers).toEqual(stalled);
  });

  it('once the proxy lets bytes through again, the server has every answer and it says saved', async () => {
    proxy.resume();
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    const { householdId, answers } = await answersOf(t, 'Léa');
    await expect.poll(() => answersOnServer(perimeterId, householdId), PATIENCE).toEqual(answers);
    await expect(indicator(t).textContent()).resolves.toContain('Enregistré ·');
  });

  it('with every connection reset, it keeps answering, says changes wait, and syncs once back', async () => {
    await recordSyncStates(t);
    proxy.cut();
    await answerMore(t, 2);
    await expect.poll(() => syncState(t), PATIENCE).toBe('unreachable-waiting');
    await expect.poll(() => indicator(t).textContent()).toContain('2 changements seront envoyés');
    await shoot(t, 'loss-02-tablet-cut');
    const { householdId, answers } = await answersOf(t, 'Léa');
    expect(Object.keys(answers)).toHaveLength(7);

    proxy.resume();
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await expect.poll(() => answersOnServer(perimeterId, householdId), PATIENCE).toEqual(answers);
    const states = await recordedSyncStates(t);
    // Saved before the cut and at the end, never while the link was down.
    expect(states.slice(1, -1)).not.toContain('stored');
    expect(states.slice(1, -1)).toContain('unreachable-waiting');
    expect(states.at(-1)).toBe('stored');
    await shoot(t, 'loss-03-tablet-saved');
  });
});

describe('a dead battery mid-scan on a small phone, with changes waiting', () => {
  const profile = newProfileDir();
  let proxy: ControllableTcpProxy;
  let phone: BrowserContext;
  let p: Page;
  let perimeterId = '';

  it('after SIGKILL and a relaunch on the same profile, no answer is lost and the scan resumes', async () => {
    proxy = await controllableTcpProxy(server.port);
    opened.push({ proxy, remove: profile.remove });
    const invited = server.invite('Rue des Lilas');
    perimeterId = invited.perimeterId;
    phone = await launch(profile.dir, SMALL_PHONE);
    opened.push({ context: phone, remove: () => {} });
    p = await phone.newPage();
    await foundAndSignUp(p, proxy.url, invited.code, 'Noé');
    await waitForServiceWorker(p);
    await answerMore(p, 2);
    await storedOnServer(p, perimeterId, 'Noé', 2);

    proxy.stall();
    await answerMore(p, 3);
    await expect.poll(async () => Object.keys((await answersOf(p, 'Noé')).answers)).toHaveLength(5);
    const recorded = await answersOf(p, 'Noé');
    const showing = await ideaTitle(p);
    await shoot(p, 'loss-04-phone-before-kill');
    // One more answer, and the battery dies as it is tapped: that one may or may not be recorded.
    await p.getByRole('group', { name: 'Votre réponse' }).getByRole('button').first().click();
    await hardKill(phone, profile.dir);

    phone = await launch(profile.dir, SMALL_PHONE);
    opened.push({ context: phone, remove: () => {} });
    p = await phone.newPage();
    await p.goto(proxy.url);
    await p.getByRole('link', { name: 'Reprendre la séance' }).click();
    await p.getByRole('link', { name: /Continuer.*Noé/ }).click();
    await p.getByRole('group', { name: 'Votre réponse' }).waitFor();
    const resumedAt = await ideaTitle(p);
    // The document says whether the last tap was recorded (its count of changes waiting); the read
    // model, rebuilt from it at start if the battery cut its last projection, then says the same.
    await expect.poll(() => syncState(p), PATIENCE).toBe('unreachable-waiting');
    const waiting = Number(
      /(\d+) changements seront envoyés/.exec((await indicator(p).textContent()) ?? '')?.[1],
    );
    expect([3, 4]).toContain(waiting);
    const lastTapRecorded = waiting === 4;
    await expect
      .poll(async () => Object.keys((await answersOf(p, 'Noé')).answers))
      .toHaveLength(lastTapRecorded ? 6 : 5);
    const after = await answersOf(p, 'Noé');
    expect(after.householdId).toBe(recorded.householdId);
    expect(after.answers).toMatchObject(recorded.answers);
    // The scan resumes on the idea that was showing, or past it only if its answer was recorded.
    if (!lastTapRecorded) expect(resumedAt).toBe(showing);
    await shoot(p, 'loss-05-phone-relaunched');
  });

  it('the changes that waited across the crash reach the server once the link is back', async () => {
    proxy.resume();
    await expect.poll(() => syncState(p), PATIENCE).toBe('stored');
    const { householdId, answers } = await answersOf(p, 'Noé');
    await expect.poll(() => answersOnServer(perimeterId, householdId), PATIENCE).toEqual(answers);
    await shoot(p, 'loss-06-phone-saved');
  });
});
