/**
 * Joining says why it failed in the person's terms: no network on this device ('offline') is not
 * a server that does not answer on a working network ('server-error').
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redeemInvitation } from '../../../src/workspace/join';

/** An address where nothing listens: a port taken, then freed. */
async function closedPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a join that cannot reach the server', () => {
  it('with the network up, says the server does not answer', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    await expect(redeemInvitation(await closedPort(), 'abcd', undefined)).resolves.toEqual({
      ok: false,
      reason: 'server-error',
    });
  });

  it('with no network on the device, says so', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    await expect(redeemInvitation(await closedPort(), 'abcd', undefined)).resolves.toEqual({
      ok: false,
      reason: 'offline',
    });
  });
});
