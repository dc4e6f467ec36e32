import { t } from '../../i18n';
import { href } from '../hooks/routes';
import { Title } from './Title';

/** A screen whose subject is gone (an old link, another tablet's household). */
export function NotFound({ message }: { message?: string }) {
  return (
    <>
      <Title>{t('app.not-found.title')}</Title>
      <p>{message ?? t('app.not-found.body')}</p>
      <a class="btn btn-primary" href={href({ name: 'home' })}>
        {t('common.back-home')}
      </a>
    </>
  );
}
