import { useRef, useState } from 'preact/hooks';
import { MAX_EXPORT_FILE_CHARS } from '../../../domain/export-file';
import { type DevicesKey, td } from '../../../i18n/devices';
import { recordScreenError } from '../../command-failure';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { TextField } from '../../components/TextField';
import { describedBy, errorId } from '../../form-errors';
import type { ImportResult, PerimeterServices } from '../../services';
import { FormOutcome, fieldsInError } from './form-outcome';

const RESULT_TEXT: Record<ImportResult, DevicesKey> = {
  imported: 'device.import.imported',
  'not-an-export': 'device.import.not-an-export',
  'newer-version': 'device.import.newer-version',
  'wrong-passphrase': 'device.import.wrong-passphrase',
  'invalid-content': 'device.import.invalid-content',
  'other-perimeter': 'device.import.other-perimeter',
  failed: 'device.import.failed',
};

/** Brings an export file's content into this tablet's perimeter: merged, nothing erased. */
export function ImportForm({ ps }: { ps: PerimeterServices }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string }>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult>();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const file = fileInput.current?.files?.[0];
    const next = {
      file: file ? undefined : td('device.import.file.missing'),
      passphrase: passphrase ? undefined : td('device.import.passphrase.missing'),
    };
    setErrors(next);
    setResult(undefined);
    // Both points at once, listed at the top (ErrorSummary takes focus) and beside their box.
    if (!file || next.passphrase) return;
    setBusy(true);
    let outcome: ImportResult;
    try {
      // Its JSON text is ASCII: a file larger than the largest export is none, and is not read.
      let content: unknown;
      try {
        content = file.size <= MAX_EXPORT_FILE_CHARS ? JSON.parse(await file.text()) : undefined;
      } catch {
        content = undefined;
      }
      outcome = content === undefined ? 'not-an-export' : await ps.commands.importFile(content, passphrase);
    } catch (error) {
      recordScreenError(error);
      outcome = 'failed';
    }
    setBusy(false);
    setResult(outcome);
    if (outcome === 'imported') setPassphrase('');
  };

  const fileError = errors.file;
  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="import-title">
      <h2 id="import-title">{td('device.import.title')}</h2>
      <p>{td('device.import.intro')}</p>
      <ErrorSummary
        refused={errors.file || errors.passphrase ? errors : undefined}
        items={fieldsInError([
          { text: errors.file, target: 'import-file' },
          { text: errors.passphrase, target: 'import-passphrase' },
        ])}
      />
      <div class="field">
        <label for="import-file">{td('device.import.file')}</label>
        <input
          id="import-file"
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-required="true"
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={describedBy('import-file', false, fileError)}
          onChange={() => setErrors({ ...errors, file: undefined })}
        />
        <FieldErrorText id={errorId('import-file')} message={fileError} />
      </div>
      <TextField
        id="import-passphrase"
        label={td('device.import.passphrase')}
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onInput={setPassphrase}
        errorText={errors.passphrase}
      />
      <FormOutcome
        success={result === 'imported' ? td(RESULT_TEXT.imported) : undefined}
        failure={result && result !== 'imported' ? td(RESULT_TEXT[result]) : undefined}
      />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        <span aria-hidden="true">📂 </span>
        {busy ? td('device.import.busy') : td('device.import.submit')}
      </button>
    </form>
  );
}
