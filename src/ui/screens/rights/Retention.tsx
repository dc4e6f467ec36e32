import { useState } from 'preact/hooks';
import { tr, trp } from '../../../i18n/rights';
import { FieldErrorText } from '../../components/FieldErrorText';
import { Loading } from '../../components/Loading';
import { Title } from '../../components/Title';
import { describedBy, errorId } from '../../form-errors';
import { useLive } from '../../hooks/useLive';
import type { Live, PerimeterServices } from '../../services';
import { dayOf } from './download';
import './rights.css';

/** A live value that never comes: the list waits for the retention time. */
const NOT_YET: Live<never> = { subscribe: () => ({ unsubscribe() {} }) };

/** The retention time's bounds, in months: at least one, at most fifty years. */
const MIN_MONTHS = 1;
const MAX_MONTHS = 600;

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm' }
  | { kind: 'working' }
  | { kind: 'done'; count: number }
  | { kind: 'offline' | 'unknown' | 'refused' };

/**
 * Retention on the facilitators' tablet (issue 13, must-have 5; GDPR art. 5(1)(e)): the households
 * with no answer, café presence nor link for a number of months (24 by default, changed on the
 * screen and kept on this tablet), each with its last activity, from the document on this tablet;
 * and their erasure in one step after a confirmation, which needs the network (POST
 * /api/erasures). The list empties by itself once the server's erasure reaches the tablet.
 */
export function Retention({ ps }: { ps: PerimeterServices }) {
  const months = useLive(() => ps.queries.retentionMonths(), [ps]);
  const [typed, setTyped] = useState<string>();
  const [refused, setRefused] = useState(false);
  const dormant = useLive(
    () => (months === undefined ? NOT_YET : ps.queries.dormant(months, () => new Date())),
    [ps, months],
  );
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const erase = async (ids: string[]) => {
    // Nothing can leave the tablet: nothing is erased, for sure.
    if (globalThis.navigator?.onLine === false) {
      setStep({ kind: 'offline' });
      return;
    }
    setStep({ kind: 'working' });
    const answer = await ps.commands.eraseHouseholds(ids);
    setStep(
      answer.ok
        ? { kind: 'done', count: answer.value.erased.length }
        : // No answer: the server may have erased them all the same (the list then empties with
          // the next sync), so the screen never says nothing was erased.
          { kind: answer.reason === 'unreachable' ? 'unknown' : 'refused' },
    );
  };
  // What the box says, checked as typed: a whole number of months within the bounds is kept at
  // once (the list follows it); anything else (empty, 0, negative, a fraction, too large) is said
  // beside the box, and the list of the last valid number offers no erasure, since it is not what
  // the box says.
  const setLimit = (event: Event) => {
    const text = (event.currentTarget as HTMLInputElement).value;
    setTyped(text);
    const value = Number(text);
    const valid = text.trim() !== '' && Number.isInteger(value) && value >= MIN_MONTHS && value <= MAX_MONTHS;
    setRefused(!valid);
    setStep({ kind: 'idle' });
    if (valid) void ps.commands.setRetentionMonths(value);
  };
  const refusal =
    refused && months !== undefined
      ? tr('ret.months.invalid', { min: MIN_MONTHS, max: MAX_MONTHS, months })
      : undefined;
  // The list is of the number kept: erasing it is offered only while the box says that number.
  const matches = !refused && (typed === undefined || Number(typed) === months);
  const confirming = step.kind === 'confirm' || step.kind === 'working';
  return (
    <div class="retention">
      <Title>{tr('ret.title')}</Title>
      <p class="lead">{tr('ret.intro')}</p>
      <p class="retention-months">
        <label for="retention-months">{tr('ret.months')}</label>{' '}
        <input
          id="retention-months"
          name="months"
          type="number"
          inputMode="numeric"
          min={MIN_MONTHS}
          max={MAX_MONTHS}
          aria-invalid={refusal ? 'true' : undefined}
          aria-describedby={describedBy('retention-months', false, refusal)}
          value={typed ?? months ?? ''}
          onInput={setLimit}
        />
      </p>
      <FieldErrorText id={errorId('retention-months')} message={refusal} />
      {!dormant || months === undefined ? (
        <Loading />
      ) : dormant.length === 0 ? (
        <p>{tr('ret.none', { months })}</p>
      ) : (
        <section class="card" aria-labelledby="retention-list">
          <h2 id="retention-list">{trp('ret.count', dormant.length, { months })}</h2>
          <ul class="retention-list">
            {dormant.map((h) => (
              <li key={h.householdId}>
                <bdi class="person-name">{h.name}</bdi>{' '}
                <span class="muted">· {tr('ret.last', { date: dayOf(h.lastActivity) })}</span>
              </li>
            ))}
          </ul>
          {!matches && <p class="notice">{tr('ret.mismatch', { months })}</p>}
          {matches && !confirming && (
            <p>
              <button type="button" class="btn btn-secondary" onClick={() => setStep({ kind: 'confirm' })}>
                <span aria-hidden="true">🗑️ </span>
                {tr('ret.erase')}
              </button>
            </p>
          )}
          {matches && confirming && (
            <div class="card card-warn">
              <h3>{trp('ret.confirm.title', dormant.length)}</h3>
              <p>{tr('ret.confirm.text')}</p>
              <div class="button-row">
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={step.kind === 'working'}
                  aria-busy={step.kind === 'working'}
                  onClick={() => void erase(dormant.map((h) => h.householdId))}
                >
                  {step.kind === 'working' ? tr('ret.working') : tr('ret.confirm.yes')}
                </button>
                <button
                  type="button"
                  class="btn btn-secondary"
                  disabled={step.kind === 'working'}
                  onClick={() => setStep({ kind: 'idle' })}
                >
                  {tr('ret.confirm.no')}
                </button>
              </div>
            </div>
          )}
        </section>
      )}
      <p role="status">
        {step.kind === 'done' && trp('ret.done', step.count)}
        {step.kind === 'offline' && tr('ret.offline')}
        {step.kind === 'unknown' && tr('ret.unknown')}
        {step.kind === 'refused' && tr('ret.refused')}
      </p>
    </div>
  );
}
