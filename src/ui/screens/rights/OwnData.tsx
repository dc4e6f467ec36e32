import { useEffect, useState } from 'preact/hooks';
import { tr } from '../../../i18n/rights';
import { Loading } from '../../components/Loading';
import { NotFound } from '../../components/NotFound';
import { Title } from '../../components/Title';
import { useLiveState } from '../../hooks/useLive';
import { isolate } from '../../isolate';
import type { AppServices, OwnDataView, PerimeterServices } from '../../services';
import { downloadJson } from './download';
import { EraseCard } from './EraseCard';
import { OwnDataSections } from './OwnDataSections';
import './rights.css';

interface Props {
  services: AppServices;
  ps: PerimeterServices;
  householdId: string;
  /** The household's own phone ("Mes informations"); otherwise a facilitator's tablet, for it. */
  ownSpace?: boolean;
}

/** What the server said about the household's data: its copy with the contact details, or why not. */
type Online = { kind: 'asking' } | { kind: 'ok'; view: OwnDataView } | { kind: 'offline' | 'refused' };

/**
 * "Mes informations" (issue 13, must-have 4; GDPR art. 15, 17 and 20): everything Tissage keeps
 * about one household, from this device's document (so offline too) and, when the server answers,
 * the contact details it keeps apart; the whole as a JSON file (domain/erasure.ts format v1); and
 * its erasure, confirmed in two steps. On the household's own phone, once erased, the phone
 * forgets the perimeter and says goodbye (EraseCard).
 */
export function OwnData({ services, ps, householdId, ownSpace = false }: Props) {
  const local = useLiveState(() => ps.queries.ownData(householdId), [ps, householdId]);
  const [online, setOnline] = useState<Online>({ kind: 'asking' });
  const [erased, setErased] = useState(false);
  const [downloaded, setDownloaded] = useState<'full' | 'device'>();
  useEffect(() => {
    let alive = true;
    void ps.commands.fetchOwnData(householdId).then((answer) => {
      if (!alive) return;
      if (answer.ok) setOnline({ kind: 'ok', view: answer.value });
      else setOnline({ kind: answer.reason === 'refused' ? 'refused' : 'offline' });
    });
    return () => {
      alive = false;
    };
  }, [ps, householdId]);

  if (erased)
    return (
      <>
        <Title>{tr('own.erase.done')}</Title>
        <p>
          <a class="btn btn-primary" href="#/">
            {tr('own.goodbye.home')}
          </a>
        </p>
      </>
    );
  if (!local) return <Loading />;
  const view = local.value;
  if (!view) return <NotFound message={tr('own.gone')} />;
  const name = view.data.profile?.name ?? '';

  const download = () => {
    // The server's copy has the contact details; offline, the device's, and the screen says so.
    const data = online.kind === 'ok' ? online.view.data : view.data;
    downloadJson(`tissage-informations-${data.exportedAt.slice(0, 10)}.json`, data);
    setDownloaded(online.kind === 'ok' ? 'full' : 'device');
  };

  return (
    <>
      <Title>{ownSpace ? tr('own.title') : isolate(tr('own.title.for'), { name })}</Title>
      <p class="lead">{tr(ownSpace ? 'own.intro' : 'own.intro.for')}</p>
      <p class="own-actions">
        <button type="button" class="btn btn-primary btn-wide" onClick={download}>
          <span aria-hidden="true">⬇️ </span>
          {tr(ownSpace ? 'own.download' : 'own.download.for')}
        </button>
      </p>
      <p role="status">
        {downloaded === 'full' && tr('own.download.done')}
        {downloaded === 'device' && tr('own.download.offline')}
      </p>
      <OwnDataSections view={view} />
      <ContactCard online={online} />
      <EraseCard
        services={services}
        ps={ps}
        householdId={householdId}
        ownSpace={ownSpace}
        onErased={() => setErased(true)}
      />
    </>
  );
}

/** The contact details the server keeps apart, asked when the screen opens; offline, said plainly. */
function ContactCard({ online }: { online: Online }) {
  const contact = online.kind === 'ok' ? online.view.data.contact : null;
  return (
    <section class="card" aria-labelledby="own-contact" aria-busy={online.kind === 'asking'}>
      <h2 id="own-contact">{tr('own.contact.title')}</h2>
      <p>{tr('own.contact.intro')}</p>
      {online.kind === 'asking' && <p>{tr('own.contact.loading')}</p>}
      {online.kind === 'offline' && <p class="notice">{tr('own.contact.offline')}</p>}
      {online.kind === 'refused' && <p class="notice">{tr('own.contact.refused')}</p>}
      {online.kind === 'ok' &&
        (contact && (contact.phone || contact.email || contact.flat) ? (
          <dl class="own-facts">
            {contact.phone && (
              <>
                <dt>{tr('own.contact.phone')}</dt>
                <dd>
                  <bdi>{contact.phone}</bdi>
                </dd>
              </>
            )}
            {contact.email && (
              <>
                <dt>{tr('own.contact.email')}</dt>
                <dd>
                  <bdi>{contact.email}</bdi>
                </dd>
              </>
            )}
            {contact.flat && (
              <>
                <dt>{tr('own.contact.flat')}</dt>
                <dd>
                  <bdi>{contact.flat}</bdi>
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p>{tr('own.contact.none')}</p>
        ))}
    </section>
  );
}
