import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, start } from '../../src/server/server';
import { tempDataDir } from './helpers';

let server: RunningServer | undefined;
let dataDir = '';

beforeEach(async () => {
  dataDir = tempDataDir();
  const dist = path.join(dataDir, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tissage</title>');
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1);');
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), '{}');
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'outside dist');
  server = await start({ dataDir, port: 0, distDir: dist });
});

afterEach(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function get(pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server!.url}${pathname}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('one port for the app, the API and health', () => {
  it('answers /health', async () => {
    const health = await get('/health');
    expect(JSON.parse(health.body)).toEqual({ ok: true, documents: 0, connections: 0 });
  });

  it('serves the PWA with the right types and caching, and index.html for app routes', async () => {
    const index = await get('/');
    expect(index.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/sw.js')).headers.get('cache-control')).toBe('no-cache');
    const asset = await get('/assets/index-Ab12Cd34.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await get('/manifest.webmanifest')).headers.get('content-type')).toContain(
      'application/manifest+json',
    );

    const route = await get('/join/somewhere');
    expect(route.body).toContain('<title>Tissage</title>');
    expect((await get('/missing.js')).status).toBe(404);
    const etag = index.headers.get('etag')!;
    expect((await get('/', { 'If-None-Match': etag })).status).toBe(304);
  });

  it('never serves a file outside dist', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      const response = await get(attempt);
      expect(response.body).not.toContain('outside dist');
    }
  });

  it('answers API errors as JSON', async () => {
    const missing = await get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ error: 'not-found' });
    const response = await fetch(`${server!.url}/api/invitations/redeem`, { method: 'POST', body: '{oops' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid-json' });
    expect((await get('/api/contacts/fatima01')).status).toBe(401);
  });
});
