/**
 * No input on a network path brings the server down (issue 8, fault 1): the real server runs as
 * its own process (`npm start`'s entry point), and after every malformed request, upgrade or
 * WebSocket frame the process is still running and `/health` answers 200. Then the log: one line
 * per refusal, with its reason, and never a secret (fault 7).
 *
 * Runs per property: TISSAGE_FUZZ_RUNS (a few dozen by default, thousands for a long run).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type ChildServer, kill, spawnServer } from './child-server';
import { facilitatorToken, tempDataDir, waitUntil } from './helpers';

const RUNS = Number(process.env.TISSAGE_FUZZ_RUNS || 20);

interface Facilitator {
  perimeterId: string;
  token: string;
}

/**
 * Facilitators on perimeters of their own: the server allows each credential a few
 * authentications per window (budgets.ts), and a long fuzz run authenticates thousands of times.
 */
const FACILITATORS = 8;

/** A child server with a small built app to serve, and facilitators' tokens (the first for the log). */
async function startChild(): Promise<
  { server: ChildServer; dataDir: string; facilitators: Facilitator[] } & Facilitator
> {
  const dataDir = tempDataDir();
  const distDir = path.join(dataDir, 'dist');
  fs.mkdirSync(path.join(distDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Tissage</title>');
  fs.writeFileSync(path.join(distDir, 'assets', 'app-1234.js'), 'export {};');
  const server = await spawnServer(dataDir, { TISSAGE_DIST_DIR: distDir });
  const facilitators: Facilitator[] = [];
  for (let i = 0; i < FACILITATORS; i++) {
    facilitators.push(await facilitatorToken({ url: server.url, dataDir }, `Quartier ${i}`));
  }
  const [first] = facilitators as [Facilitator];
  return { server, dataDir, facilitators, ...first };
}

/** Stops a server of `startChild` (if it started) and removes its data. */
async function stopChild(child: { server: ChildServer; dataDir: string } | undefined): Promise<void> {
  if (!child) return;
  await kill(child.server, 'SIGTERM');
  fs.rmSync(child.dataDir, { recursive: true, force: true });
}

/**
 * Writes `bytes` on a fresh TCP connection and resolves with all that came back once the connection
 * closed. Half-closes after writing, unless the request asks the server to close (`Connection:
 * close`) and the test waits for a whole answer: Node ends a half-closed connection at once, before
 * an answer that takes a turn of the event loop.
 */
function rawExchange(port: number, bytes: Uint8Array | string, halfClose = true): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    // A reset by the server (it closed while we were still writing) is an answer too.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    if (halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

async function expectAlive(server: ChildServer): Promise<void> {
  expect(server.process.exitCode, server.output()).toBeNull();
  const response = await fetch(`${server.url}/health`);
  expect(response.status).toBe(200);
}

/** A frame of Hocuspocus's protocol: document name, message type, then whatever follows. */
function frame(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function authFrame(documentName: string, token: string): Uint8Array {
  return frame(documentName, (e) => {
    encoding.writeVarUint(e, 2); // Auth
    encoding.writeVarUint(e, 0); // token
    encoding.writeVarString(e, token);
  });
}

/**
 * Opens a WebSocket on /sync; when `auth` is given, sends it and waits for the server's answer;
 * then sends `frames` and closes. Resolves once the socket is closed, by either side.
 */
async function sendFrames(wsUrl: string, frames: (Uint8Array | string)[], auth?: Uint8Array): Promise<void> {
  const socket = new WebSocket(wsUrl);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  const opened = await new Promise<boolean>((resolve) => {
    socket.once('open', () => resolve(true));
    socket.once('close', () => resolve(false));
  });
  if (opened && auth) {
    const answered = new Promise((resolve) => {
      socket.once('message', resolve);
      socket.once('close', resolve);
    });
    socket.send(auth);
    await answered;
  }
  for (const data of frames) if (socket.readyState === WebSocket.OPEN) socket.send(data);
  if (socket.readyState === WebSocket.OPEN) socket.close();
  await closed;
}

/** Pieces of request-targets that broke or bent URL parsers: brackets, bad escapes, NUL, dots. */
const TARGET_PIECES = [
  'http://[',
  'http://',
  '[',
  ']',
  '%',
  '%E0%A4%A',
  '%00',
  '%C3%28',
  '%ff',
  '%2f',
  '%5c',
  '..',
  '/',
  '//',
  '\\',
  '?',
  '#',
  '@',
  ':',
  '*',
  'é',
  '\u0000',
  '\uffff',
  'a',
  'sync',
  'api',
  'health',
  'assets',
  'contacts',
  'credentials',
  'index.html',
] as const;

const PREFIXES = [
  '',
  '/',
  '/api/',
  '/api/contacts/',
  '/api/credentials/',
  '/api/neighbour-contacts/',
  '/api/contact-sharing/',
  '/api/erasure/',
  '/api/own-data/',
  '/sync',
  '/health',
  '/assets/',
  'http://',
];

const target = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '/api/invitations/redeem',
      '/api/contacts',
      '/api/credentials/revoke',
      '/api/admin/import',
      '/api/contacts/h1234567890abcdef',
      '/api/credentials/c1234567890abcdef',
      '/api/neighbour-contacts/h1234567890abcdef',
      '/api/contact-sharing/h1234567890abcdef',
      '/api/erasure/h1234567890abcdef',
      '/api/erasures',
      '/api/own-data/h1234567890abcdef',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'http://[',
      '/%E0%A4%A',
      '/%00',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '*',
      '/api/contacts/%ZZ',
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...TARGET_PIECES), { maxLength: 20 }))
      .map(([prefix, pieces]) => prefix + pieces.join('')),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map((text) => `/${text}`) },
  // Over-long: Node answers 431 past 16 KiB of head.
  { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 40_000 }).map((length) => `/${'a'.repeat(length)}`) },
);

/** Mostly methods Node's parser accepts, so that most cases reach the handlers. */
const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH') },
  { weight: 1, arbitrary: fc.constantFrom('CONNECT', 'TRACE', 'PRI', 'get') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
);

/** Headers as raw lines: huge, duplicated, with invalid characters, lying about the body. */
function headerLines(token: string): fc.Arbitrary<string[]> {
  const line = fc.oneof(
    fc
      .constantFrom('-1', '1e3', 'abc', '99999999999999999999', '0x10', ' 5', '')
      .map((v) => `Content-Length: ${v}`),
    fc.nat({ max: 2_000_000 }).map((n) => `Content-Length: ${n}`),
    fc
      .constantFrom('chunked', 'gzip, chunked', 'chunked, gzip', 'identity', 'x')
      .map((v) => `Transfer-Encoding: ${v}`),
    fc
      .oneof(
        fc.constant(`Bearer ${token}`),
        fc.constant(`Bearer ${token.slice(0, -3)}xyz`),
        fc.string({ maxLength: 80 }).map((text) => `Bearer ${text}`),
        fc.constant(`Basic ${Buffer.from('a:b').toString('base64')}`),
        fc.string({ maxLength: 40 }),
      )
      .map((value) => `Authorization: ${value}`),
    fc.string({ maxLength: 40 }).map((value) => `Host: ${value}`),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 60 }))
      .map(([n, v]) => `${n}: ${v}`),
    fc.integer({ min: 1_000, max: 20_000 }).map((length) => `X-Big: ${'b'.repeat(length)}`),
    fc.constantFrom('Upgrade: websocket', 'Connection: Upgrade', 'Connection: close', 'Expect: 100-continue'),
  );
  return fc.array(line, { maxLength: 4 });
}

/** Bodies the API must refuse or read: not JSON, not UTF-8, deeply nested, wrong types, too large. */
const body = fc.oneof(
  fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify({ code: value, contacts: value }))),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(Buffer.from([0xc3, 0x28, 0x7b, 0x7d]), Buffer.from('{"code":"\udc00"}'), Buffer.from('{')),
  fc.integer({ min: 1_000, max: 100_000 }).map((depth) => Buffer.from('['.repeat(depth) + ']'.repeat(depth))),
  fc
    .integer({ min: 1_000, max: 50_000 })
    .map((depth) => Buffer.from('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))),
  fc.constant(Buffer.alloc(600 * 1024, 0x20)),
);

/** A request as bytes: request line, headers, the body with a true or false Content-Length, or chunks. */
function rawRequest(token: string): fc.Arbitrary<Buffer> {
  return fc
    .record({
      method,
      target,
      version: fc.oneof(
        { weight: 8, arbitrary: fc.constant('HTTP/1.1') },
        { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2', 'HTTP/1.1 extra', '') },
      ),
      // Often no odd header, and often the facilitator's real token, so that bodies reach the routes.
      headers: fc.oneof(
        { weight: 1, arbitrary: headerLines(token) },
        { weight: 1, arbitrary: fc.constant([]) },
      ),
      authorized: fc.boolean(),
      body: fc.option(body),
      framing: fc.constantFrom('length', 'chunked', 'garbage-chunks', 'none'),
    })
    .map(({ method, target, version, headers, authorized, body, framing }) => {
      const lines = [`${method} ${target} ${version}`.trimEnd(), 'Host: 127.0.0.1', ...headers];
      if (authorized) lines.push(`Authorization: Bearer ${token}`);
      let payload = body ?? Buffer.alloc(0);
      if (body && framing === 'length') lines.push(`Content-Length: ${body.length}`);
      if (body && framing === 'chunked') {
        lines.push('Transfer-Encoding: chunked');
        payload = Buffer.concat([
          Buffer.from(`${body.length.toString(16)}\r\n`),
          body,
          Buffer.from('\r\n0\r\n\r\n'),
        ]);
      }
      if (body && framing === 'garbage-chunks') {
        lines.push('Transfer-Encoding: chunked');
        payload = Buffer.concat([Buffer.from('zz;\r\n'), body]);
      }
      return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), payload]);
    });
}

/** An upgrade request to /sync or elsewhere, with odd targets and headers. */
function upgradeRequest(token: string): fc.Arbitrary<Buffer> {
  return fc
    .record({
      target: fc.oneof(fc.constant('/sync'), fc.constant('/sync?token=%E0%A4%A'), target),
      method: fc.constantFrom('GET', 'POST', 'GET'),
      key: fc.oneof(fc.constant('dGhlIHNhbXBsZSBub25jZQ=='), fc.string({ maxLength: 30 })),
      version: fc.constantFrom('13', '8', '', 'x'),
      headers: headerLines(token),
    })
    .map(({ target, method, key, version, headers }) =>
      Buffer.from(
        [
          `${method} ${target} HTTP/1.1`,
          'Host: 127.0.0.1',
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          `Sec-WebSocket-Version: ${version}`,
          ...headers,
          '',
          '',
        ].join('\r\n'),
        'utf8',
      ),
    );
}

/** Frames after a real upgrade: random bytes, truncated varints, Hocuspocus-shaped garbage, text. */
function wsFrame(documentName: string): fc.Arbitrary<Uint8Array | string> {
  const name = fc.oneof(
    fc.constant(documentName),
    fc.constant('perimeter:never-authenticated'),
    fc.string({ maxLength: 30 }),
  );
  return fc.oneof(
    fc.uint8Array({ maxLength: 2_000 }),
    fc.integer({ min: 1, max: 12 }).map((length) => new Uint8Array(length).fill(0x80)),
    fc
      .tuple(name, fc.nat({ max: 12 }), fc.nat({ max: 3 }), fc.uint8Array({ maxLength: 300 }))
      .map(([n, type, step, payload]) =>
        frame(n, (e) => {
          encoding.writeVarUint(e, type);
          encoding.writeVarUint(e, step);
          encoding.writeVarUint8Array(e, payload);
        }),
      ),
    fc.tuple(name, fc.nat({ max: 12 }), fc.uint8Array({ maxLength: 300 })).map(([n, type, tail]) => {
      const bytes = frame(n, (e) => encoding.writeVarUint(e, type));
      return Buffer.concat([bytes, tail]);
    }),
    // A length prefix that promises more than the frame holds.
    name.map((n) =>
      frame(
        n,
        (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 1 << 20)),
      ),
    ),
    name.map((n) => authFrame(n, 'not.a.token')),
    fc.string({ maxLength: 200 }),
    // A well-formed sync message to the real document whose Yjs update is garbage or a real
    // update with bytes changed: what reaches the rights check's decoder.
    fc
      .tuple(fc.constantFrom(1, 2), yjsUpdate)
      .map(([step, update]) =>
        frame(
          documentName,
          (e) => (
            encoding.writeVarUint(e, 0),
            encoding.writeVarUint(e, step),
            encoding.writeVarUint8Array(e, update)
          ),
        ),
      ),
  );
}

/** An update of the shared document's shape, as a device would write it. */
function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap('answers').set('h1234567890abcdef/i1', { value: 'offer', at: '2026-11-21T14:00:00.000Z' });
    doc.getMap('profiles').set('h1234567890abcdef', { name: 'Lilas', places: ['12 rue des Lilas'] });
  });
  doc.getMap('answers').delete('h1234567890abcdef/i1');
  return Y.encodeStateAsUpdate(doc);
}

/** Random bytes, or a real update with a few bytes overwritten, cut short or extended. */
const yjsUpdate = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
      fc.nat(),
      fc.uint8Array({ maxLength: 20 }),
    )
    .map(([changes, cut, tail]) => {
      const update = sampleUpdate();
      for (const [at, byte] of changes) update[at % update.length] = byte;
      return Buffer.concat([update.subarray(0, update.length - (cut % 4)), tail]);
    }),
);

describe('no input brings the server down', () => {
  let child: Awaited<ReturnType<typeof startChild>>;

  beforeAll(async () => {
    child = await startChild();
  });
  afterAll(() => stopChild(child));

  it('answers 400 to an upgrade whose request-target cannot be parsed, and keeps running', async () => {
    const named =
      'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';
    expect(await rawExchange(child.server.port, named)).toMatch(/^HTTP\/1\.1 400 /);
    await expectAlive(child.server);
    const plain = 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    expect(await rawExchange(child.server.port, plain)).toMatch(/^HTTP\/1\.1 400 /);
    await expectAlive(child.server);
  });

  it('answers a proper status to the named malformed requests', async () => {
    const answers = new Map<string, RegExp>([
      ['GET /%E0%A4%A HTTP/1.1\r\nHost: a\r\n\r\n', /^HTTP\/1\.1 404 /],
      ['GET /%00 HTTP/1.1\r\nHost: a\r\n\r\n', /^HTTP\/1\.1 200 /], // an app route: index.html
      ['GET /%00.js HTTP/1.1\r\nHost: a\r\n\r\n', /^HTTP\/1\.1 404 /],
      // Resolved inside dist/: an app route, answered with index.html.
      ['GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: a\r\n\r\n', /^HTTP\/1\.1 200 [^]*<title>Tissage/],
      [`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`, /^HTTP\/1\.1 431 /],
      [
        'GET /sync HTTP/1.1\r\nHost: [\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
        /^HTTP\/1\.1 400 /,
      ],
      [
        'POST /api/invitations/redeem HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n\xc3\x28{}',
        /^HTTP\/1\.1 400 /,
      ],
      [
        'POST /api/invitations/redeem HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\n\r\n',
        /^HTTP\/1\.1 413 /,
      ],
      [
        'GET /api/contacts/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer \xff\xfe\r\n\r\n',
        /^HTTP\/1\.1 401 /,
      ],
    ]);
    for (const [request, expected] of answers) {
      const closing = request.replace('\r\n', '\r\nConnection: close\r\n');
      expect(await rawExchange(child.server.port, Buffer.from(closing, 'latin1'), false), request).toMatch(
        expected,
      );
      await expectAlive(child.server);
    }
  });

  /** The check of a test: `numRuns` requests drawn from `requests`, each sent raw; the server lives on. */
  const survives = (requests: (token: string) => fc.Arbitrary<Buffer>, numRuns: number) => async () => {
    await fc.assert(
      fc.asyncProperty(requests(child.token), async (request) => {
        await rawExchange(child.server.port, request);
        await expectAlive(child.server);
      }),
      { numRuns },
    );
  };

  it(
    'survives fuzzed HTTP requests: targets, methods, headers, encodings and API bodies',
    survives(rawRequest, RUNS * 4),
  );

  it('survives fuzzed upgrade requests', survives(upgradeRequest, RUNS * 2));

  it('survives fuzzed WebSocket frames, before and after authenticating', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...child.facilitators)
          .chain((facilitator) =>
            fc.tuple(
              fc.constant(facilitator),
              fc.array(wsFrame(`perimeter:${facilitator.perimeterId}`), { minLength: 1, maxLength: 4 }),
              fc.boolean(),
            ),
          ),
        async ([{ perimeterId, token }, frames, authenticated]) => {
          const documentName = `perimeter:${perimeterId}`;
          await sendFrames(
            child.server.wsUrl,
            frames,
            authenticated ? authFrame(documentName, token) : undefined,
          );
          await expectAlive(child.server);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('logged every one of those as a refusal, never as a failure with a stack', () => {
    const failures = logLines(child.server.output()).filter((line) => line.level >= ERROR);
    expect(failures).toEqual([]);
  });
});

/** pino's level number for `error`. */
const ERROR = 50;

interface LogLine {
  level: number;
  msg: string;
  refused?: string;
  reason?: string;
  perimeterId?: string;
  credentialId?: string;
  err?: unknown;
}

function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('the log', () => {
  let child: Awaited<ReturnType<typeof startChild>>;

  beforeAll(async () => {
    child = await startChild();
  });
  afterAll(() => stopChild(child));

  /** The lines `act` adds to the server's output that say something was refused. */
  async function refusalsOf(act: () => Promise<void>, what: string): Promise<LogLine[]> {
    const before = child.server.output().length;
    const refusals = () =>
      logLines(child.server.output().slice(before)).filter((line) => line.refused === what);
    await act();
    await waitUntil(() => refusals().length > 0, `a "${what}" refusal in the log`);
    // One more round trip, so a second line written for the same refusal would be there too.
    await expectAlive(child.server);
    return refusals();
  }

  it('writes one line per refused update, with its reason and ids, and no secret', async () => {
    const documentName = `perimeter:${child.perimeterId}`;
    const forbidden = new Y.Doc();
    forbidden.getMap('answers').set('not-a-household/not-an-idea', { value: 'nonsense' });
    const update = frame(documentName, (e) => {
      encoding.writeVarUint(e, 0); // Sync
      encoding.writeVarUint(e, 2); // update
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(forbidden));
    });
    const socket = new WebSocket(child.server.wsUrl);
    try {
      await new Promise((resolve) => socket.once('open', resolve));
      const authenticated = new Promise((resolve) => socket.once('message', resolve));
      socket.send(authFrame(documentName, child.token));
      await authenticated;
      const lines = await refusalsOf(async () => socket.send(update), 'update');
      expect(lines).toHaveLength(1);
      const [line] = lines;
      expect(line?.reason).toMatch(/^(forbidden|invalid)$/);
      expect(line?.perimeterId).toBe(child.perimeterId);
      expect(line?.credentialId).toBe(child.token.split('.')[3]);
      expect(line?.err).toBeUndefined();
    } finally {
      socket.close();
    }
    const secret = child.token.split('.')[4] ?? '';
    expect(secret.length).toBeGreaterThan(10);
    expect(child.server.output()).not.toContain(secret);
  });

  it('writes one line for a garbage frame, with its reason and no stack', async () => {
    const lines = await refusalsOf(
      () => sendFrames(child.server.wsUrl, [new Uint8Array([0xff, 0xff, 0xff])]),
      'frame',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]?.reason).toBe('truncated');
    expect(lines[0]?.err).toBeUndefined();
    expect(child.server.output()).not.toContain(child.token.split('.')[4] ?? '');
  });
});
