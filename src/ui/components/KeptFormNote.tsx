import { t } from '../../i18n';
import type { KeptFormState } from '../hooks/useKeptForm';

/**
 * Said at the top of a form whose fields came back from an earlier visit (useKeptForm), with the
 * way to throw them away and start again; nothing otherwise.
 */
export function KeptFormNote({ kept }: { kept: Pick<KeptFormState<never>, 'restored' | 'clear'> }) {
  if (!kept.restored) return null;
  return (
    <p class="kept-form-note" role="status">
      {t('form.kept.restored')}{' '}
      <button type="button" class="btn btn-quiet" onClick={() => void kept.clear()}>
        {t('form.kept.discard')}
      </button>
    </p>
  );
}
