import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelaySession } from '../../../src/sync/relay-session';
import { Device, catalogueIdeas, deviceEnv } from '../../fixtures/relay-devices';

const PERIMETER = 'lilas';

function session(device: Device, self: string) {
  return new RelaySession({
    doc: device.doc,
    perimeterId: PERIMETER,
    self: self === 'f' ? { kind: 'facilitator' } : { kind: 'household', householdId: String(self) },
    catalogueIdeas,
    origin: 'relay',
    transferId: () => 42,
  });
}

/** Every frame of `from`'s next message, read by `to` until it is whole. */
function hand(from: RelaySession, to: RelaySession) {
  const frames = from.showing();
  for (let i = 0; i < 10 * frames.parts + 20; i++) {
    const step = to.read(frames.next());
    if (step.status !== 'progress') return step;
  }
  throw new Error('never whole');
}

describe('a device’s side of the relay', () => {
  it('opens with its state vector, then answers with what the other lacks', () => {
    const tablet = new Device(deviceEnv('t'));
    const founder = tablet.create(PERIMETER);
    const household = tablet.signUp('Léa', founder);
    const phone = tablet.copy(deviceEnv('p'));
    tablet.signUp('Omar', founder);
    phone.answer(household, 3, 0);
    const onTablet = session(tablet, 'f');
    const onPhone = session(phone, household);
    expect(hand(onPhone, onTablet)).toEqual({
      status: 'done',
      arrived: { households: 0, answers: 0, choices: 0, other: 0 },
    });
    expect(hand(onTablet, onPhone)).toMatchObject({ status: 'done', arrived: { households: 1 } });
    expect(hand(onPhone, onTablet)).toMatchObject({ status: 'done', arrived: { answers: 1 } });
    expect(Y.encodeStateVector(phone.doc)).toEqual(Y.encodeStateVector(tablet.doc));
  });

  it('rejects a phone speaking for another household, and the tablet stays as it was', () => {
    const tablet = new Device(deviceEnv('t'));
    const founder = tablet.create(PERIMETER);
    const lea = tablet.signUp('Léa', founder);
    const omar = tablet.signUp('Omar', founder);
    const phone = tablet.copy(deviceEnv('p'));
    phone.answer(lea, 3, 0);
    const onTablet = session(tablet, 'f');
    const onPhone = session(phone, omar);
    hand(onTablet, onPhone);
    const before = Y.encodeStateAsUpdate(tablet.doc);
    expect(hand(onPhone, onTablet)).toEqual({ status: 'rejected', problem: 'forbidden' });
    expect(Y.encodeStateAsUpdate(tablet.doc)).toEqual(before);
  });
});
