import { t } from '../../i18n';
import { Title } from '../components/Title';
import { href } from '../hooks/routes';
import type { AppServices } from '../services';
import { PerimeterForm } from './welcome/PerimeterForm';

/** First run: a household's phone joins with its code; a tablet describes its perimeter. */
export function Welcome({ services }: { services: AppServices }) {
  return (
    <>
      <Title>{t('welcome.title')}</Title>
      <p class="lead">{t('welcome.intro')}</p>
      <div class="card card-accent">
        <p>{t('welcome.code.intro')}</p>
        <a class="btn btn-secondary" href={href({ name: 'enter-code' })}>
          <span aria-hidden="true">📲 </span>
          {t('welcome.code')}
        </a>
      </div>
      <PerimeterForm services={services} />
    </>
  );
}
