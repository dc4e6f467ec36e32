import { useState } from 'preact/hooks';
import { td } from '../../../i18n/devices';
import { recordScreenError } from '../../command-failure';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { downloadFile } from '../../download';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';
import { MIN_PASSPHRASE, exportFileName } from './export-file';
import { FormOutcome, fieldsInError } from './form-outcome';

type Outcome = { ok: true; file: string } | { ok: false };

/** An encrypted copy of the perimeter and of the contact details only this tablet holds. */
export function ExportForm({ ps, perimeterName }: { ps: PerimeterServices; perimeterName: string }) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ passphrase?: string; again?: string }>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const next = {
      passphrase:
        passphrase.length < MIN_PASSPHRASE
          ? td('device.passphrase.short', { min: MIN_PASSPHRASE })
          : undefined,
      again: passphrase !== again ? td('device.passphrase.mismatch') : undefined,
    };
    setErrors(next);
    setOutcome(undefined);
    // Both points at once, listed at the top (ErrorSummary takes focus) and beside their box.
    if (next.passphrase || next.again) return;
    setBusy(true);
    try {
      const file = await ps.commands.exportFile(passphrase);
      const name = exportFileName(perimeterName);
      downloadFile(name, JSON.stringify(file), 'application/json');
      setOutcome({ ok: true, file: name });
      setPassphrase('');
      setAgain('');
    } catch (error) {
      recordScreenError(error);
      setOutcome({ ok: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="export-title">
      <h2 id="export-title">{td('device.export.title')}</h2>
      <p>{td('device.export.intro')}</p>
      <ErrorSummary
        refused={errors.passphrase || errors.again ? errors : undefined}
        items={fieldsInError([
          { text: errors.passphrase, target: 'export-passphrase' },
          { text: errors.again, target: 'export-passphrase-again' },
        ])}
      />
      <TextField
        id="export-passphrase"
        label={td('device.export.passphrase')}
        hint={td('device.export.passphrase.hint')}
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onInput={setPassphrase}
        errorText={errors.passphrase}
      />
      <TextField
        id="export-passphrase-again"
        label={td('device.export.passphrase2')}
        type="password"
        autoComplete="new-password"
        value={again}
        onInput={setAgain}
        errorText={errors.again}
      />
      <FormOutcome
        success={outcome?.ok ? isolate(td('device.export.done'), { file: outcome.file }) : undefined}
        failure={outcome && !outcome.ok ? td('device.export.failed') : undefined}
      />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        <span aria-hidden="true">💾 </span>
        {busy ? td('device.export.busy') : td('device.export.submit')}
      </button>
    </form>
  );
}
