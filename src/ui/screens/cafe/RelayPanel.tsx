import { useEffect, useState } from 'preact/hooks';
import { tc } from '../../../i18n/cafe';
import { Loading } from '../../components/Loading';
import { RelayArrived, type RelayArrivedCounts } from '../../components/relay/RelayArrived';
import { RelayReceiver } from '../../components/relay/RelayReceiver';
import { RelaySender } from '../../components/relay/RelaySender';
import type { PerimeterServices } from '../../services';

type Session = Awaited<ReturnType<PerimeterServices['commands']['relaySession']>>;
type Mode =
  { kind: 'choose' } | { kind: 'show' } | { kind: 'read' } | { kind: 'arrived'; arrived: RelayArrivedCounts };

/**
 * Bringing a phone with no network up to date at the café, and taking its changes, through the
 * screens and cameras alone (the relay components, over sync/relay-session.ts). The phone shows
 * its codes first (what it has), the tablet reads them and shows its answer (what the phone
 * lacks), the phone reads that and shows its own answer (what the tablet lacks). Each device
 * chooses "show" or "read" in turn; one session keeps what it read in between.
 */
export function RelayPanel({ ps }: { ps: PerimeterServices }) {
  const [session, setSession] = useState<Session>();
  const [mode, setMode] = useState<Mode>({ kind: 'choose' });
  useEffect(() => {
    let alive = true;
    void ps.commands.relaySession().then((made) => alive && setSession(made));
    return () => {
      alive = false;
    };
  }, [ps]);
  if (!session) return <Loading />;
  const choices = (
    <div class="button-row">
      <button type="button" class="btn btn-primary" onClick={() => setMode({ kind: 'show' })}>
        {tc('cm.relay.show')}
      </button>
      <button type="button" class="btn btn-secondary" onClick={() => setMode({ kind: 'read' })}>
        {tc('cm.relay.read')}
      </button>
    </div>
  );
  switch (mode.kind) {
    case 'choose':
      return (
        <div class="relay-panel">
          <p>{tc('cm.relay.intro')}</p>
          {choices}
        </div>
      );
    case 'show':
      return (
        <div class="relay-panel">
          {/* A new set of frames each time: after a read, they carry the answer. */}
          <RelaySender frames={session.showing()} onDone={() => setMode({ kind: 'choose' })} />
          <button type="button" class="btn btn-secondary btn-wide" onClick={() => setMode({ kind: 'read' })}>
            {tc('cm.relay.read')}
          </button>
        </div>
      );
    case 'read':
      return (
        <div class="relay-panel">
          <RelayReceiver intake={session} onDone={(arrived) => setMode({ kind: 'arrived', arrived })} />
          <button type="button" class="btn btn-quiet btn-wide" onClick={() => setMode({ kind: 'choose' })}>
            {tc('cm.relay.back')}
          </button>
        </div>
      );
    case 'arrived':
      return (
        <div class="relay-panel">
          <RelayArrived arrived={mode.arrived} />
          <p>{tc('cm.relay.answer-intro')}</p>
          {choices}
        </div>
      );
  }
}
