import { type RelayKey, tr } from '../../../i18n/relay';
import './relay.css';

/** What a relayed message brought (sync/qr-relay.ts Arrived). */
export interface RelayArrivedCounts {
  households: number;
  answers: number;
  choices: number;
  other: number;
}

const KINDS = ['households', 'answers', 'choices', 'other'] as const;

/** What arrived, in words: one line per kind of change that came, or "nothing new". */
export function RelayArrived({ arrived }: { arrived: RelayArrivedCounts }) {
  const lines = KINDS.filter((kind) => arrived[kind] > 0).map((kind) => {
    const count = arrived[kind];
    const key = (count === 1 ? `relay.done.${kind}.one` : `relay.done.${kind}`) satisfies RelayKey;
    return tr(key, { count });
  });
  return (
    <section class="card" aria-labelledby="relay-done-title">
      <h2 id="relay-done-title">
        <span aria-hidden="true">✅ </span>
        {tr('relay.done.title')}
      </h2>
      {lines.length === 0 ? (
        <p class="relay-arrived">{tr('relay.done.nothing')}</p>
      ) : (
        <ul class="relay-arrived" id="relay-arrived">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
