/**
 * How a household's own phone learns that its household is erased (workspace/own-erasure.ts) and
 * forgets the perimeter (forget-perimeter.ts), over a real workspace on fake-indexeddb: the erased
 * marker arriving in its document, the sync's problem 'erased', never on a facilitator's device;
 * and what the server's answers mean for it (workspace/erasure.ts), from a small HTTP server on
 * port 0: 403 `{ error: 'erased' }` is 'erased', another 403 'refused', an answer that never comes
 * ends at the wait with 'unreachable', an answer cut off mid-body too (the outcome of an erasure
 * is then unknown), and rights-services' `erasureOutcome` tells erased, kept and unknown apart.
 */
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { erasureWrites, householdExport } from '../../../src/domain/erasure';
import { cell } from '../../../src/sync/cell';
import { LOCAL_STATUS, type SyncStatus } from '../../../src/sync/sync-status';
import { docLive } from '../../../src/workspace/doc-live';
import { docRecordSource, fetchOwnData, requestErasure } from '../../../src/workspace/erasure';
import { forgetPerimeterOnDevice } from '../../../src/workspace/forget-perimeter';
import { followOwnErasure } from '../../../src/workspace/own-erasure';
import type { PerimeterWorkspace } from '../../../src/workspace/perimeter-workspace';
import { rightsServices } from '../../../src/workspace/rights-services';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { twoFounders } from './two-founders';

beforeEach(() => {
  freshIndexedDb();
});

/** Writes the server's erasure of `householdId` into `workspace`'s document, as a sync would. */
function eraseInDoc(workspace: PerimeterWorkspace, householdId: string): void {
  const doc = workspace.doc.doc;
  const writes = erasureWrites(docRecordSource(doc), [householdId], '2026-11-30T10:00:00.000Z');
  doc.transact(() => {
    for (const write of writes) {
      const map = doc.getMap(write.map);
      if (write.op === 'set') map.set(write.key, write.value);
      else map.delete(write.key);
    }
  }, 'server');
}

/** A phone of `householdId` (or a tablet) following its own erasure, as app-services.ts does. */
async function following(role: 'household' | 'facilitator') {
  const { device, workspace, fatima, jean } = await twoFounders();
  await device.access.put({
    perimeterId: workspace.id,
    role,
    token: 'not-used-here',
    householdId: role === 'household' ? fatima : null,
    joinedAt: '2026-11-30T09:00:00.000Z',
  });
  await device.settings.put({ key: 'currentPerimeter', value: workspace.id });
  const status = cell<SyncStatus>({ ...LOCAL_STATUS, mode: 'synced', role });
  const onErased = vi.fn();
  const stop = await followOwnErasure({
    device,
    perimeterId: workspace.id,
    status,
    erasedInDoc: (householdId) =>
      docLive(
        async () => workspace,
        (w) => w.doc.household(householdId)?.erasedAt !== undefined,
      ),
    onErased,
  });
  return { device, workspace, fatima, jean, status, onErased, stop };
}

const databaseNames = async () => (await indexedDB.databases()).map((db) => db.name ?? '');

describe('a household’s phone learns its household is erased', () => {
  it('from the erased marker its document receives, once, then forgets the perimeter', async () => {
    const { device, workspace, fatima, onErased, stop } = await following('household');
    expect(onErased).not.toHaveBeenCalled();
    eraseInDoc(workspace, fatima);
    await vi.waitFor(() => expect(onErased).toHaveBeenCalledTimes(1));
    // Another change of the document after it says nothing more.
    eraseInDoc(workspace, fatima);
    stop();
    expect(onErased).toHaveBeenCalledTimes(1);
    // What app-services.ts then does: the runtime closed, the perimeter forgotten.
    await workspace.close();
    const before = await databaseNames();
    expect(before.some((name) => name.includes(workspace.id))).toBe(true);
    await forgetPerimeterOnDevice(device, workspace.id);
    expect((await databaseNames()).filter((name) => name.includes(workspace.id))).toEqual([]);
    expect(await device.access.get(workspace.id)).toBeUndefined();
    expect(await device.perimeters.get(workspace.id)).toBeUndefined();
    expect(await device.settings.get('currentPerimeter')).toBeUndefined();
  });

  it('from the sync server refusing its credential as erased', async () => {
    const { workspace, status, onErased, stop } = await following('household');
    status.set({ ...status.get(), problem: 'revoked' });
    status.set({ ...status.get(), problem: 'unauthorized' });
    expect(onErased).not.toHaveBeenCalled();
    status.set({ ...status.get(), problem: 'erased' });
    expect(onErased).toHaveBeenCalledTimes(1);
    status.set({ ...status.get(), problem: 'erased' });
    expect(onErased).toHaveBeenCalledTimes(1);
    stop();
    await workspace.close();
  });

  it('when its stored document already holds the marker (erased while the phone was closed)', async () => {
    const { device, workspace, fatima, onErased: first, stop: stopFirst } = await following('household');
    stopFirst();
    eraseInDoc(workspace, fatima);
    expect(first).not.toHaveBeenCalled();
    const onErased = vi.fn();
    const stop = await followOwnErasure({
      device,
      perimeterId: workspace.id,
      status: cell<SyncStatus>(LOCAL_STATUS),
      erasedInDoc: (id) =>
        docLive(
          async () => workspace,
          (w) => w.doc.household(id)?.erasedAt !== undefined,
        ),
      onErased,
    });
    await vi.waitFor(() => expect(onErased).toHaveBeenCalledTimes(1));
    stop();
    await workspace.close();
  });

  it('never on a facilitator’s tablet: erasing a household there forgets nothing', async () => {
    const { workspace, fatima, status, onErased, stop } = await following('facilitator');
    eraseInDoc(workspace, fatima);
    status.set({ ...status.get(), problem: 'erased' });
    expect(workspace.doc.household(fatima)?.erasedAt).toBeDefined();
    // A tablet keeps its perimeter: it does not even listen (its access is a facilitator's).
    expect(onErased).not.toHaveBeenCalled();
    stop();
    await workspace.close();
  });
});

describe('what the server’s answers mean', () => {
  let server: Server;
  let http = '';
  /** What the next request gets; a stalled one is answered never, a cut one half its body. */
  let answer: (response: ServerResponse) => void = () => {};
  const held: ServerResponse[] = [];

  beforeEach(async () => {
    server = createServer((_request, response) => {
      held.push(response);
      answer(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    http = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const response of held.splice(0)) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const json = (status: number, body: unknown) => (response: ServerResponse) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  it('403 erased is erased; another 403, refused; a 503, unreachable', async () => {
    answer = json(403, { error: 'erased' });
    expect(await requestErasure(http, 't', 'fatima-01')).toEqual({
      ok: false,
      reason: 'erased',
      status: 403,
    });
    answer = json(403, { error: 'revoked' });
    expect(await requestErasure(http, 't', 'fatima-01')).toMatchObject({ ok: false, reason: 'refused' });
    answer = json(503, { error: 'busy' });
    expect(await requestErasure(http, 't', 'fatima-01')).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('an answer that never comes ends at the wait: unreachable, timed out', async () => {
    answer = () => {};
    expect(await requestErasure(http, 't', 'fatima-01', 200)).toEqual({
      ok: false,
      reason: 'unreachable',
      timedOut: true,
    });
    expect(await fetchOwnData(http, 't', 'fatima-01', 200)).toMatchObject({ ok: false, timedOut: true });
  });

  it('an answer cut off after its headers is unreachable: the erasure’s outcome is unknown', async () => {
    answer = (response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '400' });
      response.write('{"erased":["fatima-01"],');
      setImmediate(() => response.destroy());
    };
    expect(await requestErasure(http, 't', 'fatima-01')).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('erasureOutcome: erased (marker or refusal), kept, or unknown', async () => {
    const { device, workspace, fatima } = await twoFounders();
    await device.access.put({
      perimeterId: workspace.id,
      role: 'household',
      token: 'fatima-token',
      householdId: fatima,
      joinedAt: '2026-11-30T09:00:00.000Z',
    });
    const rights = rightsServices({
      perimeterId: workspace.id,
      device,
      http,
      now: () => '2026-11-30T10:00:00.000Z',
      workspace: async () => workspace,
    });
    const source = docRecordSource(workspace.doc.doc);
    answer = json(200, householdExport(source, workspace.id, fatima, '2026-11-30T10:00:00.000Z'));
    expect(await rights.commands.erasureOutcome(fatima)).toBe('kept');
    answer = json(403, { error: 'erased' });
    expect(await rights.commands.erasureOutcome(fatima)).toBe('erased');
    const erased = new Y.Doc();
    Y.applyUpdate(erased, Y.encodeStateAsUpdate(workspace.doc.doc));
    const writes = erasureWrites(docRecordSource(erased), [fatima], '2026-11-30T10:00:00.000Z');
    for (const write of writes)
      if (write.op === 'set') erased.getMap(write.map).set(write.key, write.value);
      else erased.getMap(write.map).delete(write.key);
    answer = json(
      200,
      householdExport(docRecordSource(erased), workspace.id, fatima, '2026-11-30T10:00:00.000Z'),
    );
    expect(await rights.commands.erasureOutcome(fatima)).toBe('erased');
    answer = json(503, { error: 'busy' });
    expect(await rights.commands.erasureOutcome(fatima)).toBe('unknown');
    await workspace.close();
  });
});
