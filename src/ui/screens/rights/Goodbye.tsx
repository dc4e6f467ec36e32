import { tr } from '../../../i18n/rights';
import { Title } from '../../components/Title';

/**
 * What the erased household's own phone shows once its erasure is done: the phone has forgotten
 * the perimeter (workspace/forget-perimeter.ts), so this screen needs nothing of it.
 */
export function Goodbye() {
  return (
    <>
      <Title>{tr('own.goodbye.title')}</Title>
      <p class="lead">{tr('own.goodbye.text')}</p>
      <p>{tr('own.goodbye.thanks')}</p>
      <p>
        <a class="btn btn-secondary" href="#/">
          {tr('own.goodbye.home')}
        </a>
      </p>
    </>
  );
}
