/**
 * Keeps the copies of a perimeter's document in several tabs of this device in step: each change
 * goes to the other tabs over a BroadcastChannel, and a tab that opens asks the others for what it
 * lacks. IndexedDB alone would not do it: y-indexeddb reads the stored log once, at start.
 */
import * as Y from 'yjs';

type Message = { type: 'update'; update: Uint8Array } | { type: 'state'; stateVector: Uint8Array };

export function relayBetweenTabs(doc: Y.Doc, name: string): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(name);
  const send = (message: Message) => channel.postMessage(message);
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== channel) send({ type: 'update', update });
  };
  channel.onmessage = (event: MessageEvent<Message>) => {
    const message = event.data;
    if (message.type === 'update') Y.applyUpdate(doc, message.update, channel);
    else send({ type: 'update', update: Y.encodeStateAsUpdate(doc, message.stateVector) });
  };
  doc.on('update', onUpdate);
  send({ type: 'state', stateVector: Y.encodeStateVector(doc) });
  return () => {
    doc.off('update', onUpdate);
    channel.close();
  };
}
