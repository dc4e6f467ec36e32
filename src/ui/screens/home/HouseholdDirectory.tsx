import { useState } from 'preact/hooks';
import { matchesSearch } from '../../../domain/search';
import type { Household } from '../../../domain/schemas';
import { t } from '../../../i18n';
import { tn } from '../../../i18n/neighbours';
import { ContactDetails } from '../../components/ContactDetails';
import { byName } from '../../components/HouseholdChecklist';
import { href } from '../../hooks/routes';
import { useLive } from '../../hooks/useLive';
import { isolate } from '../../isolate';
import type { PerimeterServices } from '../../services';

interface Props {
  ps: PerimeterServices;
  households: Household[];
}

/**
 * Every household of the perimeter, founders included, found by part of its name or building, and
 * from each one its scan, its summary and its phone access: nothing done at a session is ever
 * reachable only by typing an address.
 */
export function HouseholdDirectory({ ps, households }: Props) {
  const scans = useLive(() => ps.queries.scans(), [ps]);
  const [query, setQuery] = useState('');
  const found = households.filter((h) => matchesSearch(query, [h.name, h.place])).sort(byName);
  const scanOf = new Map(scans?.map((s) => [s.householdId, s]));
  return (
    <section aria-labelledby="households">
      <h2 id="households">{t('home.households.title')}</h2>
      {households.length === 0 ? (
        <p>{t('home.households.empty')}</p>
      ) : (
        <>
          <div class="field" role="search">
            <label for="household-search">{t('home.search.label')}</label>
            <p id="household-search-hint" class="hint">
              {t('home.search.hint')}
            </p>
            <input
              id="household-search"
              type="search"
              dir="auto"
              autoComplete="off"
              aria-describedby="household-search-hint"
              aria-controls="household-results"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </div>
          <p role="status">{query && found.length === 0 ? t('home.search.none') : ''}</p>
          <ul id="household-results" class="household-cards">
            {found.map((h) => {
              const scan = scanOf.get(h.id);
              const started = Boolean(scan?.ideaId || scan?.finishedAt);
              const forHousehold = isolate(t('common.for-household'), { name: h.name });
              return (
                <li key={h.id} class="household-card">
                  <p>
                    <bdi class="person-name">{h.name}</bdi>{' '}
                    <span class="muted">
                      · <bdi>{h.place}</bdi>
                    </span>
                  </p>
                  <div class="household-actions">
                    {!scan?.finishedAt && (
                      <a class="btn btn-small btn-primary" href={href({ name: 'scan', householdId: h.id })}>
                        <span aria-hidden="true">▶️ </span>
                        {started ? t('home.scan.continue') : t('home.scan.start')}
                        <span class="sr-only">{forHousehold}</span>
                      </a>
                    )}
                    <a
                      class="btn btn-small btn-secondary"
                      href={href({ name: 'summary', householdId: h.id })}
                    >
                      <span aria-hidden="true">✅ </span>
                      {t('home.summary')}
                      <span class="sr-only">{forHousehold}</span>
                    </a>
                    <a
                      class="btn btn-small btn-secondary"
                      href={href({ name: 'neighbours', householdId: h.id })}
                    >
                      <span aria-hidden="true">🏘️ </span>
                      {tn('links.household')}
                      <span class="sr-only">{forHousehold}</span>
                    </a>
                    <a
                      class="btn btn-small btn-secondary"
                      href={href({ name: 'household-access', householdId: h.id })}
                    >
                      <span aria-hidden="true">📲 </span>
                      {t('home.access')}
                      <span class="sr-only">{forHousehold}</span>
                    </a>
                    <a
                      class="btn btn-small btn-secondary"
                      href={href({ name: 'own-data', householdId: h.id })}
                    >
                      <span aria-hidden="true">📄 </span>
                      {t('home.own-data')}
                      <span class="sr-only">{forHousehold}</span>
                    </a>
                    <ContactDetails queries={ps.queries} householdId={h.id} name={h.name} />
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
