import { useEffect, useState } from 'preact/hooks';
import { CONTACT_SHARES, type ContactShare } from '../../../domain/contact-sharing';
import { type NeighboursKey, tn } from '../../../i18n/neighbours';
import { recordScreenError } from '../../command-failure';
import type { PerimeterServices } from '../../services';

const ICONS: Record<ContactShare, string> = { phone: '📞', email: '✉️', both: '📞✉️', none: '🚫' };

type Status = 'loading' | 'ready' | 'saving' | 'saved' | 'no-consent' | 'last-known' | NeighboursKey;

/** Why the server did not answer, as a sentence. */
const reasonKey = (reason: string): NeighboursKey =>
  reason === 'invalid'
    ? 'nb.share.invalid'
    : reason === 'refused'
      ? 'nb.share.refused'
      : 'nb.share.no-network';

/**
 * What the household lets a linked neighbour see (phone, e-mail, both, nothing). The server keeps
 * it (workspace/neighbour-contacts.ts), so changing it needs the network: offline the screen shows
 * the choice the server last gave this device, and says in words that changing it needs the
 * network. Without the sign-up consent nothing is shared, whatever the choice.
 */
export function SharingChoice({ ps, householdId }: { ps: PerimeterServices; householdId: string }) {
  const [share, setShare] = useState<ContactShare>();
  const [status, setStatus] = useState<Status>('loading');

  useEffect(() => {
    let alive = true;
    ps.queries.contactSharing(householdId).then(
      (read) => {
        if (!alive) return;
        const sharing = read.ok ? read.sharing : 'lastKnown' in read ? read.lastKnown : undefined;
        if (!sharing) return setStatus(reasonKey(read.ok ? 'invalid' : read.reason));
        setShare(sharing.share);
        setStatus(!sharing.consented ? 'no-consent' : read.ok ? 'ready' : 'last-known');
      },
      (error: unknown) => {
        recordScreenError(error);
        if (alive) setStatus('nb.share.no-network');
      },
    );
    return () => {
      alive = false;
    };
  }, [ps, householdId]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!share || status === 'saving') return;
    setStatus('saving');
    const changed = await ps.commands.setContactSharing(householdId, { share }).catch((error: unknown) => {
      recordScreenError(error);
      return { ok: false as const, reason: 'unreachable' as const };
    });
    if (!changed.ok) return setStatus(reasonKey(changed.reason));
    setShare(changed.sharing.share);
    setStatus('saved');
  };

  const message =
    status === 'loading'
      ? tn('nb.share.loading')
      : status === 'saved'
        ? tn('nb.share.saved')
        : status === 'no-consent'
          ? tn('nb.share.no-consent')
          : status === 'last-known'
            ? tn('nb.share.last-known')
            : status === 'ready' || status === 'saving'
              ? ''
              : tn(status);

  return (
    <section class="card" aria-labelledby="share-title">
      <h2 id="share-title">{tn('nb.share.title')}</h2>
      <p role="status">{message}</p>
      {share && status !== 'no-consent' && (
        <form onSubmit={(event) => void save(event)}>
          {/* Offline the last known choice is shown, not changeable: the server keeps it. */}
          <fieldset disabled={status === 'last-known'}>
            <legend>{tn('nb.share.intro')}</legend>
            <div class="radio-cards">
              {CONTACT_SHARES.map((value) => (
                <label class="radio-card" key={value}>
                  <input
                    type="radio"
                    name="share"
                    value={value}
                    checked={share === value}
                    onChange={() => setShare(value)}
                  />
                  <span class="radio-card-icon" aria-hidden="true">
                    {ICONS[value]}
                  </span>
                  <span>{tn(`nb.share.${value}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {status !== 'last-known' && (
            <button type="submit" class="btn btn-primary" disabled={status === 'saving'}>
              {tn('nb.share.save')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
