import { t } from '../../i18n';

export function UpdateBanner({ apply }: { apply: () => void }) {
  return (
    <div class="update-banner" role="status">
      <p>
        <span aria-hidden="true">✨ </span>
        {t('update.text')}
      </p>
      <button type="button" class="btn btn-primary" onClick={apply}>
        {t('update.apply')}
      </button>
    </div>
  );
}
