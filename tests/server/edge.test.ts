/**
 * The pieces the network edge relies on, one input at a time: the request-target parser shared by
 * HTTP and upgrades, the frame envelope check, and the log's redaction. fuzz.test.ts runs the
 * whole server against many inputs; this file names the cases.
 */
import { Writable } from 'node:stream';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { configFromEnv } from '../../src/server/config';
import { frameProblem } from '../../src/server/frames';
import { createLogger } from '../../src/server/logger';
import { requestPathname, upgradeUrl } from '../../src/server/request-target';

describe('request-target', () => {
  it.each([
    ['/api/contacts/h1?x=1', '/api/contacts/h1'],
    ['http://example.org/sync?a', '/sync'],
    ['/%E0%A4%A', '/%E0%A4%A'],
    ['/%00', '/%00'],
    ['*', '/*'],
  ])('reads %j as %j', (url, pathname) => {
    expect(requestPathname({ url })).toBe(pathname);
  });

  it.each(['http://[', 'http://a:99999/', 'https://[::1', ''])('refuses %j without throwing', (url) => {
    expect(requestPathname({ url })).toBeUndefined();
  });

  it('refuses an upgrade whose Host header cannot make a URL (RFC 9112 §3.2)', () => {
    expect(upgradeUrl({ url: '/sync', headers: { host: '[' } })).toBeUndefined();
    expect(upgradeUrl({ url: 'http://[', headers: { host: 'a' } })).toBeUndefined();
    expect(upgradeUrl({ url: '/sync?x=%E0', headers: { host: 'tissage.example:8787' } })?.pathname).toBe(
      '/sync',
    );
  });
});

function frame(write: (encoder: encoding.Encoder) => void, name = 'perimeter:p1'): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A frame of message `type` (0 sync, 2 auth) whose next varint is `subtype` (the sync step, or the
 * auth message) followed by `payload`, length-prefixed.
 */
function payloadFrame(type: number, subtype: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, type);
    encoding.writeVarUint(e, subtype);
    encoding.writeVarUint8Array(e, payload);
  });
}

describe('frame envelope', () => {
  const doc = new Y.Doc();
  doc.getMap('answers').set('h1/i1', { value: 'offer' });

  it('lets through what the provider sends', () => {
    const auth = frame(
      (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0), encoding.writeVarString(e, 'token')),
    );
    const step1 = payloadFrame(0, 0, Y.encodeStateVector(doc));
    const update = payloadFrame(0, 2, Y.encodeStateAsUpdate(doc));
    const close = frame((e) => encoding.writeVarUint(e, 7));
    for (const ok of [auth, step1, update, close]) expect(frameProblem(ok)).toBeUndefined();
  });

  it.each([
    ['an empty frame', new Uint8Array(0), 'truncated'],
    ['a varint that never ends', new Uint8Array(8).fill(0x80), 'truncated'],
    ['a name longer than the frame', Uint8Array.from([200, 97, 98]), 'truncated'],
    [
      'an update longer than the frame',
      frame(
        (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 1 << 20)),
      ),
      'truncated',
    ],
    ['a name that is not UTF-8', Uint8Array.from([2, 0xc3, 0x28, 2, 0, 0]), 'invalid-utf8'],
    ['a token that is not UTF-8', payloadFrame(2, 0, Uint8Array.from([0xff])), 'invalid-utf8'],
    [
      'a server-internal type',
      frame((e) => (encoding.writeVarUint(e, 6), encoding.writeVarString(e, 'x'))),
      'unknown-message-type',
    ],
    ['a state vector of garbage', payloadFrame(0, 0, Uint8Array.from([90, 1])), 'invalid-state-vector'],
    ['a sync step that does not exist', payloadFrame(0, 9, new Uint8Array(0)), 'unknown-sync-step'],
  ])('refuses %s', (_, bytes, problem) => {
    expect(frameProblem(bytes)).toBe(problem);
  });

  it('reads within the frame even when its bytes sit in a larger buffer', () => {
    // ws hands over views into pooled buffers: a length past the view must not read the pool.
    const pool = Buffer.alloc(64, 0x61);
    const view = pool.subarray(0, 3);
    view.set([10, 0x61, 0x61]);
    expect(frameProblem(view)).toBe('truncated');
  });
});

describe('log', () => {
  function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    return {
      stream,
      lines: () =>
        text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>),
    };
  }

  it('redacts fields named like secrets or contact details, at the top or one object down', () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream);
    logger.info(
      {
        token: 'v1.f.p.c.s3cr3t',
        secret: 's3cr3t',
        passphrase: 'open sesame',
        contact: { phone: '0601020304', email: 'a@example.org' },
        req: { headers: { authorization: 'Bearer v1.f.p.c.s3cr3t' } },
        perimeterId: 'p1',
      },
      'x',
    );
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/s3cr3t|sesame|0601020304|example\.org/);
    expect(line).toMatchObject({ token: '[redacted]', contact: { phone: '[redacted]' }, perimeterId: 'p1' });
  });

  it('takes its level from TISSAGE_LOG_LEVEL, info by default, and refuses an unknown one', () => {
    expect(configFromEnv({}).logLevel).toBe('info');
    expect(configFromEnv({ TISSAGE_LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => configFromEnv({ TISSAGE_LOG_LEVEL: 'loud' })).toThrow(/TISSAGE_LOG_LEVEL/);
  });
});
