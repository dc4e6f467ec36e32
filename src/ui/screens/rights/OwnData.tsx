import { useEffect, useRef, useState } from 'preact/hooks';
import { tr } from '../../../i18n/rights';
import { Loading } from '../../components/Loading';
import { NotFound } from '../../components/NotFound';
import { Title } from '../../components/Title';
import { useLive, useLiveState } from '../../hooks/useLive';
import { isolate } from '../../isolate';
import type { OwnDataView, PerimeterServices } from '../../services';
import { dayOf, downloadJson } from './download';
import { EraseCard } from './EraseCard';
import { OwnDataSections } from './OwnDataSections';
import './rights.css';

interface Props {
  ps: PerimeterServices;
  householdId: string;
  /** The household's own phone ("Mes informations"); otherwise a facilitator's tablet, for it. */
  ownSpace?: boolean;
}

/** What the server said about the household's data: its copy with the contact details, or why not. */
type Online = { kind: 'asking' } | { kind: 'ok'; view: OwnDataView } | { kind: 'offline' | 'refused' };

/** The contact details a tablet keeps itself (rights-services.ts `keptContact`). */
type Kept = { phone?: string; email?: string; flat?: string; updatedAt?: string };

/**
 * "Mes informations" (issue 13, must-have 4; GDPR art. 15, 17 and 20): everything Tissage keeps
 * about one household, from this device's document (so offline too) and, when the server answers,
 * the contact details it keeps apart (asked again when the sync comes back online); on a
 * facilitator's tablet without an answer, the copy of them the tablet keeps, said to be that copy.
 * The whole as a JSON file (domain/erasure.ts format v2), and its erasure, confirmed in two steps.
 * On the household's own phone, once erased, the app says goodbye (workspace/own-erasure.ts).
 */
export function OwnData({ ps, householdId, ownSpace = false }: Props) {
  const local = useLiveState(() => ps.queries.ownData(householdId), [ps, householdId]);
  const sync = useLive(() => ps.queries.sync(), [ps]);
  const kept = useLive(() => ps.queries.keptContact(householdId), [ps, householdId]);
  const [online, setOnline] = useState<Online>({ kind: 'asking' });
  const [asked, setAsked] = useState(0);
  const [erased, setErased] = useState(false);
  const [downloaded, setDownloaded] = useState<'full' | 'device' | 'kept'>();
  useEffect(() => {
    let alive = true;
    setOnline({ kind: 'asking' });
    void ps.commands.fetchOwnData(householdId).then((answer) => {
      if (!alive) return;
      if (answer.ok) setOnline({ kind: 'ok', view: answer.value });
      else setOnline({ kind: answer.reason === 'refused' ? 'refused' : 'offline' });
    });
    return () => {
      alive = false;
    };
  }, [ps, householdId, asked]);
  // The sync is back online (it was not, it is now): the server can answer now. Only on that
  // change, so a server whose sync answers but whose API does not is not asked again and again.
  const reachable = sync?.connection === 'online';
  const wasReachable = useRef(reachable);
  useEffect(() => {
    const cameBack = reachable && !wasReachable.current;
    wasReachable.current = reachable;
    if (cameBack && online.kind === 'offline') setAsked((n) => n + 1);
  }, [reachable]);

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
  const keptCopy = !ownSpace && online.kind !== 'ok' ? kept : undefined;

  const download = () => {
    // The server's copy has the contact details; offline, the device's (with the tablet's own copy
    // of the details, if it keeps one), and the screen says so.
    const file = ps.commands.ownDataFile(online.kind === 'ok' ? online.view : view, keptCopy);
    downloadJson(file.name, file.data);
    setDownloaded(online.kind === 'ok' ? 'full' : keptCopy ? 'kept' : 'device');
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
        {downloaded === 'kept' && tr('own.download.kept')}
      </p>
      <OwnDataSections view={view} ownSpace={ownSpace} />
      <ContactCard online={online} kept={keptCopy} ownSpace={ownSpace} />
      <EraseCard ps={ps} householdId={householdId} ownSpace={ownSpace} onErased={() => setErased(true)} />
    </>
  );
}

/**
 * The contact details the server keeps apart, asked when the screen opens and when the sync comes
 * back; without an answer, said plainly, with the tablet's own copy if it keeps one.
 */
function ContactCard({ online, kept, ownSpace }: { online: Online; kept?: Kept; ownSpace: boolean }) {
  const contact = online.kind === 'ok' ? online.view.data.contact : null;
  return (
    <section class="card" aria-labelledby="own-contact" aria-busy={online.kind === 'asking'}>
      <h2 id="own-contact">{tr(ownSpace ? 'own.contact.title' : 'own.contact.title.for')}</h2>
      <p>{tr('own.contact.intro')}</p>
      {online.kind === 'asking' && <p>{tr('own.contact.loading')}</p>}
      {online.kind === 'offline' && (
        <p class="notice">{tr(kept ? 'own.contact.offline.kept' : 'own.contact.offline')}</p>
      )}
      {online.kind === 'refused' && <p class="notice">{tr('own.contact.refused')}</p>}
      {online.kind !== 'ok' && kept && (
        <>
          <p>
            {kept.updatedAt
              ? tr('own.contact.kept', { date: dayOf(kept.updatedAt) })
              : tr('own.contact.kept.undated')}
          </p>
          <Facts contact={kept} />
        </>
      )}
      {online.kind === 'ok' &&
        (contact && (contact.phone || contact.email || contact.flat) ? (
          <Facts contact={contact} />
        ) : (
          <p>{tr('own.contact.none')}</p>
        ))}
    </section>
  );
}

function Facts({ contact }: { contact: { phone?: string; email?: string; flat?: string } }) {
  return (
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
  );
}
