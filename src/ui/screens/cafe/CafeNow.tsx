import { tc } from '../../../i18n/cafe';

/**
 * "En cours": the café is on now (domain/cafe-status.ts 'in-progress'), in words a resident reads
 * at a glance, on the next café's card and the café's page of a phone.
 */
export function CafeNow() {
  return (
    <p class="cafe-now">
      <strong class="cafe-status cafe-is-in-progress">{tc('cm.now')}</strong> · {tc('cm.now.long')}
    </p>
  );
}
