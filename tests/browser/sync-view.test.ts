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
    expect(view.text).toMatch(/Il faut mettre Tissage à jour/);
    expect(view.text).not.toMatch(/enregistré en ligne/);
  });
});

describe('the sync indicator tells apart what the person can do about it', () => {
  const synced = { ...LOCAL_STATUS, mode: 'synced' as const, role: 'facilitator' as const };
  const at = '2026-11-21T14:00:00.000Z';
  const now = new Date('2026-11-21T15:00:00.000Z');

  it('no network, a server that does not answer, and refused: never the same words', () => {
    const noNetwork = syncView({ ...synced, connection: 'no-network', waiting: 3 }, now);
    const unreachable = syncView({ ...synced, connection: 'unreachable', waiting: 3 }, now);
    const revoked = syncView({ ...synced, connection: 'online', waiting: 3, problem: 'revoked' }, now);
    const unknown = syncView({ ...synced, connection: 'online', problem: 'unauthorized' }, now);
    expect(noNetwork).toMatchObject({ kind: 'no-network-waiting', problem: false });
    expect(noNetwork.text).toMatch(/^Pas de réseau sur cet appareil\. 3 changements seront envoyés/);
    expect(unreachable).toMatchObject({ kind: 'unreachable-waiting', problem: false });
    expect(unreachable.text).toMatch(/^Le site Tissage ne répond pas\. 3 changements/);
    expect(revoked).toMatchObject({ kind: 'revoked', problem: true });
    expect(revoked.text).toMatch(/^Refusé : /);
    expect(unknown.text).toMatch(/^Refusé : /);
    // An erased household's phone forgets the perimeter at once; until then, refused as revoked.
    expect(syncView({ ...synced, connection: 'idle', problem: 'erased' }, now)).toEqual(revoked);
    const texts = [noNetwork, unreachable, revoked].flatMap((view) => [view.text, view.short]);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(text).not.toMatch(/Hors connexion|serveur/);
  });

  it('says what was last stored when it cannot reach the server, never that it is stored now', () => {
    for (const connection of ['no-network', 'unreachable'] as const) {
      const view = syncView({ ...synced, connection, storedAt: at }, now);
      expect(view.kind).toBe(`${connection}-stored`);
      expect(view.text).toMatch(/Tout était enregistré en ligne/);
      expect(view.text).not.toMatch(/Tout est bien enregistré/);
    }
    expect(syncView({ ...synced, connection: 'online', storedAt: at }, now).text).toMatch(
      /^Tout est bien enregistré en ligne/,
    );
  });

  it('while it tries for the first time, it says it is connecting, with what waits', () => {
    expect(syncView({ ...synced, connection: 'connecting' }, now).kind).toBe('connecting');
    expect(syncView({ ...synced, connection: 'connecting', waiting: 1 }, now).text).toBe(
      'Connexion en cours… 1 changement à envoyer',
    );
  });
});
