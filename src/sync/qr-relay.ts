/**
 * Relay with no network: a facilitator's tablet and a household's phone hand each other the Yjs
 * changes each lacks through their screens and cameras (issue 12, must-have 5). Three messages,
 * each shown as animated QR codes (relay-frames.ts):
 *   1. the phone shows its state vector (`openingMessage`);
 *   2. the tablet shows what the phone lacks and its own state vector (`answerMessage`);
 *   3. the phone, once it applied 2, shows what the tablet lacks (`answerMessage` again).
 * The roles can be swapped (the tablet opens); the messages are the same.
 *
 * What goes to a phone: exactly what the sync server sends a household's phone, that is the
 * missing part of its perimeter's shared document, nothing else. The server gives every device of
 * a perimeter the whole document (the document is the sync unit; a phone computes its matches
 * offline), credentials included: the document holds only their SHA-256 hashes, and contact
 * details never enter it (perimeter-doc.ts). So a message holds `Y.encodeStateAsUpdate` of the
 * shared document against the peer's state vector, never a device's local stores.
 *
 * What is applied: the receiver checks the update with the server's own rule (rights-check.ts
 * `checkWrites`) for the actor the message comes from: a phone's changes on the tablet as that
 * household's (its answers, its profile, its choices, nothing else), the tablet's on a phone as a
 * facilitator's. An update that would leave pending state, a record out of bounds or another
 * perimeter's record is refused whole, before anything is applied.
 *
 * Limits: the household a phone speaks for is the one it says (the facilitator is face to face
 * with it); Yjs client ids are not bound here (the server binds them when the tablet syncs, and a
 * phone whose id got bound to the tablet's credential recovers as after any relayed import,
 * recover.ts).
 *
 * Message format (inside the frames): lib0 encoding of version (var uint, MESSAGE_FORMAT), the
 * sender (var string: `f`, or `h:` and the household id), its state vector, the update (var
 * uint8 arrays; an empty update is zero bytes). A new layout bumps MESSAGE_FORMAT.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Actor } from '../domain';
import { checkWrites } from './rights-check';
import { inspectUpdate } from './update-inspector';

const MESSAGE_FORMAT = 1;

export interface RelayMessage {
  /** Whose changes the update holds: the actor the receiver checks them as. */
  from: Actor;
  /** The sender's state vector (Y.encodeStateVector), for the reply. */
  stateVector: Uint8Array;
  /** What the receiver lacks (Y.encodeStateAsUpdate against its state vector); empty at first. */
  update: Uint8Array;
}

/** What a message brought, counted per kind of record for the words said after a transfer. */
export interface Arrived {
  /** Households signed up that the receiver did not know. */
  households: number;
  /** Answers set or changed. */
  answers: number;
  /** Match choices set or changed. */
  choices: number;
  /** Every other record set or changed (profiles edited, sessions, cafés, ideas…). */
  other: number;
}

export type Applied =
  { ok: true; arrived: Arrived } | { ok: false; refusal: 'forbidden' | 'invalid'; problem: string };

/** The first message: the opener's state vector, no update. */
export function openingMessage(doc: Y.Doc, self: Actor): RelayMessage {
  return { from: self, stateVector: Y.encodeStateVector(doc), update: new Uint8Array() };
}

/** The reply to a peer's message: what the peer lacks, and this device's state vector. */
export function answerMessage(doc: Y.Doc, self: Actor, peer: RelayMessage): RelayMessage {
  const update = Y.encodeStateAsUpdate(doc, peer.stateVector);
  return {
    from: self,
    stateVector: Y.encodeStateVector(doc),
    update: isEmpty(update) ? new Uint8Array() : update,
  };
}

/** An update that adds no struct and deletes nothing (Yjs encodes it as two zero counts). */
function isEmpty(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export function encodeMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_FORMAT);
  const { from } = message;
  encoding.writeVarString(encoder, from.kind === 'facilitator' ? 'f' : `h:${from.householdId}`);
  encoding.writeVarUint8Array(encoder, message.stateVector);
  encoding.writeVarUint8Array(encoder, message.update);
  return encoding.toUint8Array(encoder);
}

/** The message in `bytes`, or undefined when they are not one this app can read. */
export function decodeMessage(bytes: Uint8Array): RelayMessage | undefined {
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MESSAGE_FORMAT) return undefined;
    const sender = decoding.readVarString(decoder);
    const from: Actor | undefined =
      sender === 'f'
        ? { kind: 'facilitator' }
        : sender.startsWith('h:') && sender.length > 2
          ? { kind: 'household', householdId: sender.slice(2) }
          : undefined;
    const stateVector = decoding.readVarUint8Array(decoder);
    const update = decoding.readVarUint8Array(decoder);
    if (!from || decoding.hasContent(decoder)) return undefined;
    // A state vector that does not decode would make the reply throw later: refuse it now.
    Y.decodeStateVector(stateVector);
    return { from, stateVector, update };
  } catch {
    return undefined;
  }
}

export interface ApplyOptions {
  /** The receiver's perimeter: the only one the update's perimeter record may name. */
  perimeterId: string;
  /** The ideas of the shipped catalogue (answers may name them). */
  catalogueIdeas: ReadonlySet<string>;
  /** The transaction origin, as for any remote update (so local-only listeners skip it). */
  origin: unknown;
}

/**
 * Applies a message's update to `doc` if the server would accept it from `message.from`, in one
 * transaction; changes nothing when refused.
 */
export function applyMessage(doc: Y.Doc, message: RelayMessage, options: ApplyOptions): Applied {
  const arrived: Arrived = { households: 0, answers: 0, choices: 0, other: 0 };
  if (message.update.length === 0) return { ok: true, arrived };
  const writer = { actor: message.from, owner: 'relay', perimeterId: options.perimeterId };
  const checked = checkWrites(writer, () => undefined, doc, message.update, options.catalogueIdeas);
  if (checked.refusal !== null) {
    return {
      ok: false,
      refusal: checked.refusal === 'forbidden' ? 'forbidden' : 'invalid',
      problem: checked.problem,
    };
  }
  const inspection = inspectUpdate(doc, message.update);
  if (inspection.ok) {
    for (const { map, key } of inspection.touches) {
      const known = doc.share.get(map)?._map.get(key)?.deleted === false;
      if (map === 'profiles' && !known) arrived.households++;
      else if (map === 'answers') arrived.answers++;
      else if (map === 'choices') arrived.choices++;
      else arrived.other++;
    }
  }
  Y.applyUpdate(doc, message.update, options.origin);
  return { ok: true, arrived };
}
