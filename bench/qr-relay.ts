/**
 * The QR relay's throughput (issue 12, must-have 5): how long a facilitator's tablet takes to hand
 * a phone a month of changes of a 500-household perimeter (20 new households, 600 changed
 * answers) through animated QR codes, with 0 % and 20 % of frames lost, at the frame rate and slice
 * size the app uses (ui/components/relay, sync/relay-frames.ts), beside the aim (under 30 s at
 * 20 % loss). Also the two other messages of an exchange: the phone's state vector first, and
 * its own month of changes (30 answers) back. The synthetic perimeter is written under one Yjs
 * client id; a real phone's state vector lists every device id of the perimeter, hence the row
 * with 1000 of them.
 *
 * Simulated, frame by frame, through the real encoder and reader: the sender shows FRAMES_PER_S
 * frames a second, each read by the camera with probability 1 − loss, independently. The fountain
 * draws its mixes with Math.random, so the figures vary a little: each is the median and the worst
 * of TRIALS transfers. Whether a camera really reads this QR version at this rate is what the
 * fake-camera e2e test shows (tests/e2e/qr-relay.test.ts). Alone: `npx tsx bench/qr-relay.ts`.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { encode } from 'uqr';
import * as Y from 'yjs';
import { type AnswerValue, type Env, answer, answersFor, signUpHousehold } from '../src/domain';
import { PerimeterDoc } from '../src/sync/perimeter-doc';
import { answerMessage, encodeMessage, openingMessage } from '../src/sync/qr-relay';
import { RelayFrames, RelayReader, SLICE_BYTES } from '../src/sync/relay-frames';
import { RELAY_FRAMES_PER_S } from '../src/ui/components/relay/relay-timing';
import { catalogue, random, syntheticPerimeter } from './synthetic';
import { printNotes, printTable } from './table';

export const RELAY_AIM_S = 30;
const TRIALS = 15;
const LOSSES = [0, 0.2] as const;

export interface RelayFigure {
  message: string;
  loss: number;
  /** The message as framed: deflated by the fountain encoder, bytes before deflate. */
  bytes: number;
  /** Slices: frames needed with nothing lost. */
  slices: number;
  /** Frames shown until the reader had it all: median and worst of TRIALS. */
  framesMedian: number;
  framesWorst: number;
  secondsMedian: number;
  secondsWorst: number;
  /** Message bytes per second at the median. */
  bytesPerSecond: number;
}

export interface RelayFigures {
  framesPerSecond: number;
  sliceBytes: number;
  qrVersion: number;
  qrModules: number;
  figures: RelayFigure[];
}

function monthEnv(): Env {
  let time = Date.parse('2026-10-01T14:00:00.000Z');
  let id = 0;
  return {
    now: () => new Date((time += 1000)).toISOString(),
    newId: () => `m${(++id).toString(36).padStart(7, '0')}`,
  };
}

/** The phone as last synced, and the tablet a month later. */
function month() {
  const { doc, perimeterId } = syntheticPerimeter('realistic', 500);
  const phoneDoc = new Y.Doc();
  Y.applyUpdate(phoneDoc, Y.encodeStateAsUpdate(doc));
  const tablet = new PerimeterDoc(doc, catalogue);
  const phone = new PerimeterDoc(phoneDoc, catalogue);
  const env = monthEnv();
  const rand = random(3);
  const run = (
    view: PerimeterDoc,
    result: ReturnType<typeof answer> | ReturnType<typeof signUpHousehold>,
  ) => {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    view.apply(result.value.changes, null);
  };
  const households = [...tablet.map('profiles').keys()];
  const sessionId = [...tablet.map('sessions').keys()][0]!;
  for (let i = 0; i < 20; i++)
    run(
      tablet,
      signUpHousehold(tablet, env, sessionId, {
        name: `Nouveau ${i}`,
        place: '1 rue des Lilas',
        languages: ['fr'],
        contact: {},
        dataUse: true,
        shareContact: false,
        witnesses: [households[0]!],
      }),
    );
  const change = (view: PerimeterDoc, householdId: string) => {
    const idea = catalogue.ideas[Math.floor(rand() * catalogue.ideas.length)]!;
    const values = answersFor(idea);
    const value: AnswerValue = values[Math.floor(rand() * values.length)]!;
    run(view, answer(view, env, { householdId, ideaId: idea.id, value }));
  };
  for (let i = 0; i < 600; i++) change(tablet, households[1 + Math.floor(rand() * (households.length - 1))]!);
  const own = households[1]!;
  for (let i = 0; i < 30; i++) change(phone, own);
  return { tablet: tablet.doc, phone: phone.doc, perimeterId, own };
}

/**
 * The state vector of a document written from `devices` Yjs client ids: the synthetic perimeter
 * is written by one, a real one by every device of every session (each Y.Doc draws its own id).
 */
function manyDevices(devices: number): Uint8Array {
  const doc = new Y.Doc();
  for (let i = 0; i < devices; i++) {
    const device = new Y.Doc();
    device.getMap('answers').set(`k${i}`, i);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(device));
  }
  return Y.encodeStateVector(doc);
}

/** Frames shown until a reader has `message`, each lost with probability `loss`. */
function framesToRead(message: Uint8Array, perimeterId: string, loss: number, rand: () => number): number {
  const frames = new RelayFrames(message, perimeterId, Math.floor(rand() * 2 ** 32));
  const reader = new RelayReader(perimeterId);
  for (let shown = 1; ; shown++) {
    const text = frames.next();
    if (rand() < loss) continue;
    const read = reader.read(text);
    if (read.status === 'complete') return shown;
    if (read.status !== 'progress') throw new Error(`frame ${read.status}`);
  }
}

export function relayFigures(): RelayFigures {
  const { tablet, phone, perimeterId, own } = month();
  const opening = openingMessage(phone, { kind: 'household', householdId: own });
  const toPhone = answerMessage(tablet, { kind: 'facilitator' }, opening);
  const toTablet = answerMessage(phone, { kind: 'household', householdId: own }, toPhone);
  const messages = [
    ['phone state vector', encodeMessage(opening)],
    ['same, 1000 device ids', encodeMessage({ ...opening, stateVector: manyDevices(1000) })],
    ['month to the phone', encodeMessage(toPhone)],
    ['phone’s 30 answers back', encodeMessage(toTablet)],
  ] as const;
  const rand = random(4);
  const figures = messages.flatMap(([name, bytes]) =>
    LOSSES.map((loss): RelayFigure => {
      const shown = Array.from({ length: TRIALS }, () => framesToRead(bytes, perimeterId, loss, rand)).sort(
        (a, b) => a - b,
      );
      const median = shown[Math.floor(TRIALS / 2)]!;
      const worst = shown.at(-1)!;
      return {
        message: name,
        loss,
        bytes: bytes.length,
        slices: new RelayFrames(bytes, perimeterId, 0).parts,
        framesMedian: median,
        framesWorst: worst,
        secondsMedian: median / RELAY_FRAMES_PER_S,
        secondsWorst: worst / RELAY_FRAMES_PER_S,
        bytesPerSecond: Math.round(bytes.length / (median / RELAY_FRAMES_PER_S)),
      };
    }),
  );
  const sample = new RelayFrames(encodeMessage(toPhone), perimeterId, 0).next();
  const qr = encode(sample, { ecc: 'M', boostEcc: false, border: 0 });
  return {
    framesPerSecond: RELAY_FRAMES_PER_S,
    sliceBytes: SLICE_BYTES,
    qrVersion: qr.version,
    qrModules: qr.size,
    figures,
  };
}

export function printRelay(relay: RelayFigures): void {
  printTable(
    `QR relay, no network (${relay.framesPerSecond} frames/s, ${relay.sliceBytes}-byte slices, QR version ${relay.qrVersion} level M, ${relay.qrModules}×${relay.qrModules} modules)`,
    [
      'message',
      'frames lost',
      'bytes',
      'slices',
      'frames (median / worst)',
      's (median / worst)',
      'bytes/s',
      `aim: month < ${RELAY_AIM_S} s at 20 % loss`,
    ],
    relay.figures.map((f) => [
      f.message,
      `${f.loss * 100} %`,
      f.bytes,
      f.slices,
      `${f.framesMedian} / ${f.framesWorst}`,
      `${f.secondsMedian.toFixed(1)} / ${f.secondsWorst.toFixed(1)}`,
      f.bytesPerSecond,
      f.message.startsWith('month') && f.loss > 0 ? (f.secondsWorst < RELAY_AIM_S ? 'yes' : 'NO') : '',
    ]),
  );
  printNotes([
    'Month: 500-household realistic perimeter, then 20 sign-ups and 600 changed answers on the tablet.',
    `bytes: the encoded message (Yjs update + state vector) before the fountain encoder deflates it; ${TRIALS} trials each.`,
    'An exchange is the three rows in turn, plus the time to turn the screens round.',
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRelay(relayFigures());
