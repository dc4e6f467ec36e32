import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Actor, SHARED_MAP_NAMES, answerKey } from '../../../src/domain';
import {
  type RelayMessage,
  answerMessage,
  applyMessage,
  decodeMessage,
  encodeMessage,
  openingMessage,
} from '../../../src/sync/qr-relay';
import { RelayFrames, RelayReader } from '../../../src/sync/relay-frames';
import { Device, catalogueIdeas, deviceEnv } from '../../fixtures/relay-devices';

const PERIMETER = 'lilas';
const FACILITATOR: Actor = { kind: 'facilitator' };

/** Every record of the shared maps (a Y.Doc's toJSON omits maps not yet read with getMap). */
function records(doc: Y.Doc) {
  return Object.fromEntries(SHARED_MAP_NAMES.map((name) => [name, doc.getMap(name).toJSON()]));
}

/** Deterministic pseudo-random numbers (mulberry32) from fast-check's seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sends `message` frame by frame through a lossy, shuffling screen-to-camera link: frames come in
 * windows of 10, shuffled, each lost with probability `loss`. Returns the message read and the
 * number of frames shown.
 */
function transfer(message: RelayMessage, rand: () => number, loss: number, perimeterId = PERIMETER) {
  const frames = new RelayFrames(encodeMessage(message), perimeterId, Math.floor(rand() * 2 ** 32));
  const reader = new RelayReader(PERIMETER);
  for (let shown = 0; shown < 20 * frames.parts + 100; shown += 10) {
    const window = Array.from({ length: 10 }, () => frames.next());
    window.sort(() => rand() - 0.5);
    for (const text of window) {
      if (rand() < loss) continue;
      const read = reader.read(text);
      if (read.status === 'complete') return { message: decodeMessage(read.message), shown };
      expect(read.status).toBe('progress');
    }
  }
  throw new Error('the transfer never completed');
}

/** A tablet with `households` signed up, and a phone of one of them that copied it then. */
function tabletAndPhone(households: number) {
  const tablet = new Device(deviceEnv('t'));
  const founder = tablet.create(PERIMETER);
  const ids = Array.from({ length: households }, (_, i) => tablet.signUp(`Voisin ${i}`, founder));
  const phone = tablet.copy(deviceEnv('p'));
  return { tablet, phone, household: ids[0]!, ids, founder };
}

function relay(from: Device, fromActor: Actor, to: Device, toActor: Actor, rand: () => number, loss: number) {
  // 1. the receiver-to-be opens with its state vector; 2. the other answers; 3. the reply.
  const opening = transfer(openingMessage(to.doc, toActor), rand, loss).message!;
  const answer = transfer(answerMessage(from.doc, fromActor, opening), rand, loss).message!;
  const first = applyMessage(to.doc, answer, { perimeterId: PERIMETER, catalogueIdeas, origin: 'relay' });
  const reply = transfer(answerMessage(to.doc, toActor, answer), rand, loss).message!;
  const second = applyMessage(from.doc, reply, { perimeterId: PERIMETER, catalogueIdeas, origin: 'relay' });
  return { first, second };
}

describe('QR relay', () => {
  it('a phone 40 updates behind and a tablet end equal, with 20 % of frames lost and the rest shuffled', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 20 }), (seed, phoneAnswers) => {
        const rand = random(seed);
        const { tablet, phone, household, ids, founder } = tabletAndPhone(5);
        const me: Actor = { kind: 'household', householdId: household };
        // 40 updates on the tablet the phone lacks: sign-ups and other households' answers.
        for (let i = 0; i < 40; i++) {
          if (i % 8 === 0) ids.push(tablet.signUp(`Nouveau ${i}`, founder));
          else tablet.answer(ids[1 + (i % (ids.length - 1))]!, i, i);
        }
        for (let i = 0; i < phoneAnswers; i++) phone.answer(household, i * 7, i);
        const { first, second } = relay(tablet, FACILITATOR, phone, me, rand, 0.2);
        expect(first.ok && second.ok).toBe(true);
        expect(Y.encodeStateVector(phone.doc)).toEqual(Y.encodeStateVector(tablet.doc));
        expect(records(phone.doc)).toEqual(records(tablet.doc));
        if (first.ok) expect(first.arrived.households).toBe(5);
        if (second.ok)
          expect(second.arrived.answers).toBe(
            new Set(Array.from({ length: phoneAnswers }, (_, i) => (i * 7) % 169)).size,
          );
      }),
      { numRuns: 15 },
    );
  });

  it('with nothing lost, a message takes exactly as many frames as it has slices', () => {
    const { tablet } = tabletAndPhone(30);
    const bytes = Y.encodeStateAsUpdate(tablet.doc);
    const frames = new RelayFrames(bytes, PERIMETER, 7);
    const reader = new RelayReader(PERIMETER);
    const reads = Array.from({ length: frames.parts }, () => reader.read(frames.next()));
    const last = reads.at(-1)!;
    expect(last.status).toBe('complete');
    if (last.status === 'complete') expect(last.message).toEqual(bytes);
    expect(reads.slice(0, -1).every((read) => read.status === 'progress')).toBe(true);
  });

  it('refuses frames of another perimeter, and they change nothing', () => {
    const { tablet } = tabletAndPhone(10);
    const ours = new RelayFrames(Y.encodeStateAsUpdate(tablet.doc), PERIMETER, 1);
    const theirs = new RelayFrames(Y.encodeStateAsUpdate(tablet.doc), 'autre-quartier', 2);
    const reader = new RelayReader(PERIMETER);
    expect(reader.read(ours.next())).toMatchObject({ status: 'progress' });
    const before = reader.percent;
    for (let i = 0; i < 5; i++)
      expect(reader.read(theirs.next())).toEqual({ status: 'refused', refusal: 'other-perimeter' });
    expect(reader.percent).toBe(before);
  });

  it('refuses a corrupted or truncated frame alone, and the transfer still completes', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.boolean(), (at, by, truncate) => {
        const { tablet } = tabletAndPhone(10);
        const bytes = Y.encodeStateAsUpdate(tablet.doc);
        const frames = new RelayFrames(bytes, PERIMETER, 3);
        const reader = new RelayReader(PERIMETER);
        const good = frames.next();
        const body = good.slice(5);
        const index = at % body.length;
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
        const swapped = alphabet[(alphabet.indexOf(body[index]!) + 1 + (by % 63)) % 64]!;
        const bad = truncate
          ? good.slice(0, 5 + (index - (index % 4)))
          : `TSG1:${body.slice(0, index)}${swapped}${body.slice(index + 1)}`;
        fc.pre(bad !== good);
        expect(reader.read(bad)).toMatchObject({ status: 'refused', refusal: 'corrupted' });
        let read = reader.read(good);
        for (let i = 1; i < frames.parts; i++) read = reader.read(frames.next());
        expect(read.status).toBe('complete');
        if (read.status === 'complete') expect(read.message).toEqual(bytes);
      }),
    );
  });

  it('says the transfer stalled once no new frame came for the given time', () => {
    let now = 0;
    const noise = random(1);
    const reader = new RelayReader(PERIMETER, () => now);
    const frames = new RelayFrames(
      Uint8Array.from({ length: 2000 }, () => noise() * 256),
      PERIMETER,
      9,
    );
    expect(reader.stalled(10_000)).toBe(false);
    const first = frames.next();
    reader.read(first);
    now = 9_000;
    reader.read(first);
    expect(reader.stalled(10_000)).toBe(false);
    now = 10_000;
    expect(reader.stalled(10_000)).toBe(true);
    reader.read(frames.next());
    expect(reader.stalled(10_000)).toBe(false);
  });

  it("on the tablet, refuses a phone's update writing another household's answer, whole, and changes nothing", () => {
    const { tablet, phone, household, ids } = tabletAndPhone(3);
    const me: Actor = { kind: 'household', householdId: household };
    phone.answer(household, 1, 0);
    phone.answer(ids[1]!, 2, 0);
    const opening = openingMessage(tablet.doc, FACILITATOR);
    const reply = decodeMessage(encodeMessage(answerMessage(phone.doc, me, opening)))!;
    const before = Y.encodeStateAsUpdate(tablet.doc);
    const applied = applyMessage(tablet.doc, reply, {
      perimeterId: PERIMETER,
      catalogueIdeas,
      origin: 'relay',
    });
    expect(applied).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(Y.encodeStateAsUpdate(tablet.doc)).toEqual(before);
    expect(tablet.doc.getMap('answers').has(answerKey(household, 'x'))).toBe(false);
  });

  it('refuses on a phone an update whose perimeter record names another perimeter', () => {
    const other = new Device(deviceEnv('o'));
    other.create('autre-quartier');
    const phone = new Device(deviceEnv('p'));
    phone.create(PERIMETER);
    const reply = answerMessage(other.doc, FACILITATOR, openingMessage(phone.doc, FACILITATOR));
    const before = Y.encodeStateAsUpdate(phone.doc);
    const applied = applyMessage(phone.doc, reply, {
      perimeterId: PERIMETER,
      catalogueIdeas,
      origin: 'relay',
    });
    expect(applied.ok).toBe(false);
    expect(Y.encodeStateAsUpdate(phone.doc)).toEqual(before);
  });

  it('reads no message from bytes that are not one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const message = decodeMessage(bytes);
        if (message) expect(encodeMessage(message)).toEqual(bytes);
      }),
    );
    expect(decodeMessage(new Uint8Array([2, 1, 102, 0, 0]))).toBeUndefined();
  });
});
