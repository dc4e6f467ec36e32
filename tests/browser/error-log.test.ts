import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../src/storage/device-db';
import { errorLogger, recentErrors } from '../../src/storage/error-log';
import { ErrorLog } from '../../src/ui/screens/device/ErrorLog';
import { testEnv } from '../fixtures/env';

describe('the device panel’s incident list (Chromium IndexedDB)', () => {
  it('shows each recorded error in plain French, newest first, with no message text', async () => {
    const device = openDeviceDb(`tissage-device-${crypto.randomUUID()}`);
    const report = errorLogger(device, testEnv().now);
    const root = document.createElement('div');
    document.body.append(root);
    render(h(ErrorLog, { services: { errors: () => recentErrors(device) } }), root);
    await expect.poll(() => root.textContent).toContain('Aucun incident noté.');

    report('contacts-upload', new TypeError('Failed to fetch lea@example.org'));
    report('stored-ack-save', new DOMException('full', 'QuotaExceededError'));
    await expect.poll(() => root.querySelectorAll('li').length).toBe(2);
    const lines = [...root.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(lines[0]).toMatch(
      /la confirmation du serveur n’a pas pu être notée \(l’espace de stockage est plein\)/,
    );
    expect(lines[1]).toMatch(/l’envoi des coordonnées au serveur n’a pas abouti \(souvent : pas de réseau\)/);
    expect(root.textContent).not.toContain('example.org');

    render(null, root);
    root.remove();
    await device.delete();
  });
});
