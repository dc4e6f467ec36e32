/**
 * A page for tests only (never shipped): the relay components as the café screens will host them,
 * over a document the test hands in, so that tests/e2e/qr-relay.test.ts can film one device's
 * animated codes and play them to the other's fake camera before those screens exist.
 *
 * `window.relayTest`: `load(update, perimeterId, self)` gives the page its document (base64 of a
 * Yjs update) and who it writes as (`f`, or `h:<household>`); `send()` shows its next message,
 * `capture()` returns the frame on the canvas now (its text and its pixels' luma), `receive()`
 * opens the camera; `steps` lists what each text read led to; `records()` and `stateVector()`
 * describe the document. The components load on demand, as the café screens will load them.
 */
import { render } from 'preact';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import catalogue from '../../../src/catalogue/catalogue.v1.json';
import { type Actor, SHARED_MAP_NAMES } from '../../../src/domain';
import { RelaySession, type RelayStep } from '../../../src/sync/relay-session';
import '../../../src/ui/styles.css';

const catalogueIdeas = new Set(catalogue.ideas.map((idea) => idea.id));
const root = document.getElementById('app')!;
let doc = new Y.Doc();
let session: RelaySession | undefined;
let lastText = '';
let drawnCount = 0;
const steps: RelayStep[] = [];

function actorOf(self: string): Actor {
  return self === 'f' ? { kind: 'facilitator' } : { kind: 'household', householdId: self.slice(2) };
}

const relayTest = {
  steps,
  load(update: string, perimeterId: string, self: string) {
    doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(update), 'load');
    session = new RelaySession({ doc, perimeterId, self: actorOf(self), catalogueIdeas, origin: 'relay' });
  },
  async send() {
    const { RelaySender } = await import('../../../src/ui/components/relay/RelaySender');
    const frames = session!.showing();
    const recorded = {
      parts: frames.parts,
      next: () => {
        drawnCount++;
        return (lastText = frames.next());
      },
    };
    render(
      <main class="screen">
        <RelaySender frames={recorded} onDone={() => {}} />
      </main>,
      root,
    );
    return frames.parts;
  },
  /** The frame drawn last: how many were drawn, its text and its canvas' luma (one byte a pixel, row by row). */
  capture() {
    const canvas = document.querySelector('canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const luma = new Uint8Array(canvas.width * canvas.height);
    for (let i = 0; i < luma.length; i++) luma[i] = data[i * 4]!;
    return { count: drawnCount, text: lastText, side: canvas.width, luma: toBase64(luma) };
  },
  async receive() {
    const { RelayReceiver } = await import('../../../src/ui/components/relay/RelayReceiver');
    const intake = {
      read(text: string) {
        const step = session!.read(text);
        steps.push(step);
        return step;
      },
      stalled: (ms: number) => session!.stalled(ms),
      restart: () => session!.restart(),
    };
    render(
      <main class="screen">
        <RelayReceiver intake={intake} onDone={() => {}} />
      </main>,
      root,
    );
  },
  records: () =>
    JSON.stringify(Object.fromEntries(SHARED_MAP_NAMES.map((name) => [name, doc.getMap(name).toJSON()]))),
  stateVector: () => toBase64(Y.encodeStateVector(doc)),
};

(window as unknown as { relayTest: typeof relayTest }).relayTest = relayTest;
