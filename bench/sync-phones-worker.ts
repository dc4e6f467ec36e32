/**
 * One worker thread of a PhoneFleet (bench/sync-phones.ts): its share of the phones, each a Device
 * (the app's PerimeterSync over ws), driven by the fleet's messages. Times sent back are absolute
 * (performance.timeOrigin + performance.now()), comparable across threads.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { Device, answersHash, simulatedNetwork, vectorKey, waitFor } from './sync-device';
import { tapAnswer } from './sync-seed';
import type { FleetData, FromWorker, PhoneReport, Progress, ToWorker } from './sync-phones';

const data = workerData as FleetData;
const port = parentPort!;
const now = () => performance.timeOrigin + performance.now();
const send = (message: FromWorker) => port.postMessage(message);
const absolute = (at: number | undefined) => (at === undefined ? null : performance.timeOrigin + at);

interface Phone {
  device: Device;
  householdId: string;
  index: number;
  storedAt: number | null;
}

const network = simulatedNetwork();
const phones: Phone[] = [];
let polling: ReturnType<typeof setInterval> | undefined;
let started = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });

async function join(): Promise<void> {
  for (let i = 0; i < data.phones.length; i += data.joinBatch) {
    const batch = data.phones.slice(i, i + data.joinBatch).map(({ householdId, token, index }) => ({
      device: new Device(data.wsUrl, data.perimeterId, token),
      householdId,
      index,
      storedAt: null,
    }));
    phones.push(...batch);
    await Promise.all(batch.map(({ device }) => device.sync.whenSynced()));
    const short = batch.find(({ device }) => device.doc.getMap('answers').size !== data.expectedAnswers);
    if (short) throw new Error(`phone of ${short.householdId} synced without every answer`);
  }
}

async function goOffline(): Promise<void> {
  network.goOffline();
  await waitFor(() => phones.every(({ device }) => !device.online), 'every phone offline');
}

/** Each phone's household answers `answersEach` ideas, one tap (one transaction) each. */
function writeOffline(): [string, unknown][] {
  const written: [string, unknown][] = [];
  for (const phone of phones) {
    for (let i = 0; i < data.answersEach; i++) {
      const { key, value } = tapAnswer(phone.device.doc, phone.householdId, phone.index * 7 + i * 3);
      written.push([key, value]);
    }
  }
  // Many documents in one heap: collect now, not during the reconnection (bench runs --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  return written;
}

/**
 * Each phone answers `taps` ideas, waiting for the acknowledgement of one tap before the next. The
 * ideas are picked away from the offline scenario's, so every tap is a change.
 */
async function tapOnline(taps: number): Promise<FromWorker> {
  const saved: number[] = [];
  const startedAt = now();
  await Promise.all(
    phones.map(async (phone) => {
      for (let i = 0; i < taps; i++) {
        const at = performance.now();
        tapAnswer(phone.device.doc, phone.householdId, phone.index * 11 + i * 5 + 1);
        saved.push((await phone.device.whenStored()) - at);
        // Every acknowledgement is kept for the reconnection report; not needed here.
        phone.device.storedLog.length = 0;
      }
    }),
  );
  const refusals = phones.reduce((sum, { device }) => sum + device.refusals.length, 0);
  return { type: 'tapped', startedAt, finishedAt: now(), saved, refusals };
}

function goOnline(): number {
  started = now();
  for (const phone of phones) {
    phone.storedAt = null;
    void phone.device.whenStored().then((at) => (phone.storedAt = performance.timeOrigin + at));
  }
  loop.reset();
  loop.enable();
  const progress: Progress = { allOnlineAt: null, allStoredAt: null, agreedKey: null, agreedAt: null };
  polling = setInterval(() => {
    const at = now();
    let changed = false;
    if (progress.allOnlineAt === null && phones.every(({ device }) => device.online)) {
      progress.allOnlineAt = at;
      changed = true;
    }
    if (progress.allStoredAt === null && phones.every(({ storedAt }) => storedAt !== null)) {
      progress.allStoredAt = Math.max(...phones.map(({ storedAt }) => storedAt!));
      changed = true;
    }
    const key = progress.allStoredAt === null ? null : agreedKey();
    if (key !== progress.agreedKey) {
      progress.agreedKey = key;
      // Agreement began with the last acknowledgement or change any phone received, not at this poll.
      progress.agreedAt =
        key === null
          ? null
          : performance.timeOrigin +
            Math.max(...phones.map(({ device }) => Math.max(device.storedAt, device.lastChangeAt)));
      changed = true;
    }
    if (changed) send({ type: 'progress', progress: { ...progress } });
  }, 10);
  network.goOnline();
  return started;
}

/** The state vector every phone holds and was told is stored, if they all agree on one. */
function agreedKey(): string | null {
  let shared: string | null = null;
  for (const { device } of phones) {
    if (!device.ownChangesStored()) return null;
    const held = vectorKey(Y.decodeStateVector(Y.encodeStateVector(device.doc)));
    if (held !== vectorKey(device.stored) || (shared ??= held) !== held) return null;
  }
  return shared;
}

function report(): FromWorker {
  clearInterval(polling);
  loop.disable();
  const reports: PhoneReport[] = phones.map(({ device, storedAt }) => ({
    clientId: device.doc.clientID,
    ownClock: Y.getState(device.doc.store, device.doc.clientID),
    openedAt: absolute(device.traffic.openedAt.find((at) => performance.timeOrigin + at >= started)),
    sentAt: absolute(device.traffic.changesSent.find(({ at }) => performance.timeOrigin + at >= started)?.at),
    storedAt,
    vectorKey: vectorKey(Y.decodeStateVector(Y.encodeStateVector(device.doc))),
    answersHash: answersHash(device.doc),
    refusals: device.refusals.length,
    sockets: device.traffic.sockets,
  }));
  const stores = phones.flatMap(({ device }) =>
    device.storedLog
      .filter(({ at }) => performance.timeOrigin + at >= started)
      .map(({ at, vector }) => ({ at: performance.timeOrigin + at, vector: [...vector] })),
  );
  return {
    type: 'report',
    phones: reports,
    stores,
    loopDelay: { mean: loop.mean / 1e6, max: loop.max / 1e6 },
  };
}

port.on('message', (message: ToWorker) => {
  const reply = async (): Promise<FromWorker> => {
    switch (message.type) {
      case 'offline':
        await goOffline();
        return { type: 'offline' };
      case 'write':
        return { type: 'written', written: writeOffline() };
      case 'online':
        return { type: 'online', at: goOnline() };
      case 'tap':
        return tapOnline(message.taps);
      case 'report':
        return report();
      case 'close':
        for (const { device } of phones) device.destroy();
        network.remove();
        return { type: 'closed' };
    }
  };
  reply().then(send, (error: unknown) => send({ type: 'error', message: String(error) }));
});

join().then(
  () => send({ type: 'joined' }),
  (error: unknown) => send({ type: 'error', message: String(error) }),
);
