/**
 * A page for tests only (never shipped): the meeting components as the "Mes voisins" screen will
 * host them, over a perimeter described in the address, so that a browser test can film a code
 * with Chromium's fake camera before that screen exists. tests/e2e/meeting-code.test.ts builds it.
 *
 * Address: `?perimeter=<id>&own=<household>&households=<id,id>&ideas=<id,id>`; `&show=<household>`
 * shows that household's code instead of reading one. A code read is written, as JSON, in
 * `#meeting-outcome`.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { systemEnv } from '../../../src/domain/env';
import {
  type Meeting,
  type MeetingContext,
  newMeetingCode,
  readMeetingCode,
} from '../../../src/domain/meeting-code';
import { MeetingCodeView } from '../../../src/ui/components/meeting/MeetingCodeView';
import { MeetingReader } from '../../../src/ui/components/meeting/MeetingReader';
import '../../../src/ui/styles.css';

const params = new URLSearchParams(location.search);
const list = (name: string) => (params.get(name) ?? '').split(',').filter(Boolean);
const perimeterId = params.get('perimeter') ?? '';
const ideas = list('ideas');
const seen = new Set<string>();
const context: MeetingContext = {
  perimeterId,
  ownHouseholdId: params.get('own') ?? '',
  households: list('households'),
  ideasInCommon: () => ideas,
  seen,
};

function Page() {
  const [met, setMet] = useState<Meeting[]>([]);
  const show = params.get('show');
  if (show) {
    const code = newMeetingCode(systemEnv, { perimeterId, householdId: show, ideaIds: ideas });
    return <MeetingCodeView code={code} />;
  }
  return (
    <>
      <MeetingReader
        onCode={async (text) => {
          const read = readMeetingCode(text, context);
          if (!read.ok) return read.error;
          seen.add(read.meeting.seenKey);
          setMet((before) => [...before, read.meeting]);
          return null;
        }}
      />
      <output id="meeting-outcome">{JSON.stringify(met)}</output>
    </>
  );
}

render(
  <main class="screen">
    <Page />
  </main>,
  document.getElementById('app')!,
);
