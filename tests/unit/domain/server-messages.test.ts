import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  base64ToBytes,
  bytesToBase64,
  parseServerMessage,
  rejectedMessage,
  storedMessage,
} from '../../../src/domain/server-messages';

describe('the server messages, one schema for server, device and tests', () => {
  it('reads back every message the server writes', () => {
    const doc = new Y.Doc();
    doc.getMap('answers').set('h/i', { value: 'offer' });
    const vector = Y.encodeStateVector(doc);
    const stored = parseServerMessage(storedMessage(vector));
    expect(stored).toEqual({ type: 'stored', stateVector: bytesToBase64(vector) });
    expect(stored?.type === 'stored' && Y.decodeStateVector(base64ToBytes(stored.stateVector))).toEqual(
      Y.decodeStateVector(vector),
    );
    for (const reason of ['forbidden', 'invalid', 'revoked'] as const) {
      expect(parseServerMessage(rejectedMessage(reason))).toEqual({ type: 'rejected', reason });
    }
  });

  it('ignores, without throwing, anything that is not one of its messages', () => {
    for (const payload of [
      '',
      'not json',
      '{"type":"stored"}',
      '{"type":"stored","stateVector":"!!not base64!!"}',
      '{"type":"rejected","reason":"because"}',
      '{"type":"future","anything":1}',
      'null',
      '[]',
      '{"type":"stored","stateVector":{"toString":1}}',
    ]) {
      expect(parseServerMessage(payload)).toBeUndefined();
    }
  });

  it('encodes base64 as Node’s Buffer does, for any bytes, without using it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
      { numRuns: 50 },
    );
  });
});
