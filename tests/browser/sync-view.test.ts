import { describe, expect, it } from 'vitest';
import { LOCAL_STATUS } from '../../src/sync/sync-status';
import { syncView } from '../../src/ui/sync-view';

describe('the sync indicator', () => {
  it('says, in French, that the app must be updated to open a newer document, above all else', () => {
    const view = syncView({
      ...LOCAL_STATUS,
      mode: 'synced',
      connection: 'online',
      storedAt: '2026-11-21T14:00:00.000Z',
      problem: 'app-outdated',
    });
    expect(view).toMatchObject({ kind: 'app-outdated', problem: true });
    expect(view.text).toMatch(/mettez l’application à jour/);
    expect(view.text).not.toMatch(/enregistré sur le serveur/);
  });
});
