import { useEffect } from 'preact/hooks';
import { Header } from './components/Header';
import { lazy } from './components/lazy';
import { Loading } from './components/Loading';
import { NotFound } from './components/NotFound';
import { SyncAlerts, SyncIndicator } from './components/SyncIndicator';
import type { Route } from './hooks/routes';
import { useLive, useLiveState } from './hooks/useLive';
import { Home } from './screens/Home';
import type { AppServices, DeviceAccess, PerimeterServices } from './services';

// Only the home screen is in the first bundle; the others load on first use (from the service
// worker's precache, so offline too).
const OpenSession = lazy(() => import('./screens/OpenSession').then((m) => m.OpenSession));
const SessionScreen = lazy(() => import('./screens/SessionScreen').then((m) => m.SessionScreen));
const SignUp = lazy(() => import('./screens/SignUp').then((m) => m.SignUp));
const Scan = lazy(() => import('./screens/Scan').then((m) => m.Scan));
const Summary = lazy(() => import('./screens/Summary').then((m) => m.Summary));
const CatalogueScreen = lazy(() => import('./screens/CatalogueScreen').then((m) => m.CatalogueScreen));
const HouseholdAccess = lazy(() => import('./screens/HouseholdAccess').then((m) => m.HouseholdAccess));
const DevicePanel = lazy(() => import('./screens/DevicePanel').then((m) => m.DevicePanel));
const Neighbours = lazy(() => import('./screens/Neighbours').then((m) => m.Neighbours));
const NeighbourSheet = lazy(() => import('./screens/NeighbourSheet').then((m) => m.NeighbourSheet));
const PerimeterLinks = lazy(() => import('./screens/PerimeterLinks').then((m) => m.PerimeterLinks));
const CafeList = lazy(() => import('./screens/cafe/CafeList').then((m) => m.CafeList));
const CafePlan = lazy(() => import('./screens/cafe/CafePlan').then((m) => m.CafePlan));
const CafeBoard = lazy(() => import('./screens/cafe/CafeBoard').then((m) => m.CafeBoard));
const CafePrint = lazy(() => import('./screens/cafe/CafePrint').then((m) => m.CafePrint));
const CafeSignUp = lazy(() => import('./screens/cafe/CafeSignUp').then((m) => m.CafeSignUp));
const Dashboard = lazy(() => import('./screens/dashboard/Dashboard').then((m) => m.Dashboard));
const ImpactReport = lazy(() => import('./screens/dashboard/ImpactReport').then((m) => m.ImpactReport));
const OwnData = lazy(() => import('./screens/rights/OwnData').then((m) => m.OwnData));
const Retention = lazy(() => import('./screens/rights/Retention').then((m) => m.Retention));
const MyCafe = lazy(() => import('./screens/cafe/MyCafe').then((m) => m.MyCafe));

interface Props {
  services: AppServices;
  ps: PerimeterServices;
  route: Route;
}

export function PerimeterScreens({ services, ps, route }: Props) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const access = useLiveState(() => ps.queries.access(), [ps]);
  const inScan = route.name === 'scan';
  // Every screen but the home (which starts it as soon as it has painted) starts the document and
  // its sync shortly after showing: a device syncs whatever screen it was left on.
  useEffect(() => {
    const timer = setTimeout(() => ps.start(), 1000);
    return () => clearTimeout(timer);
  }, [ps]);
  return (
    <>
      <Header
        perimeterName={perimeter?.name}
        showHome={!inScan && route.name !== 'home'}
        compact={inScan}
        // Until the perimeter has arrived, the home screen itself says where its reception stands.
        status={perimeter ? <SyncIndicator queries={ps.queries} compact={inScan} /> : undefined}
      />
      {!inScan && <SyncAlerts queries={ps.queries} />}
      <main class={inScan ? 'screen screen-scan' : 'screen'}>
        {/* Known before anything shows, so a household's phone never flashes the facilitator's screens. */}
        {access ? screen(services, ps, route, access.value) : <Loading />}
      </main>
    </>
  );
}

function screen(
  services: AppServices,
  ps: PerimeterServices,
  route: Route,
  access: DeviceAccess | undefined,
) {
  // A household's phone: its own space only. Anything else is not found rather than refused, so
  // that the screen gives nothing away.
  const own = access?.role === 'household' ? access.householdId : undefined;
  if (access?.role === 'household') {
    const mine = (householdId: string) => own !== null && householdId === own;
    if (route.name === 'home') return <Home services={services} ps={ps} access={access} />;
    if (route.name === 'scan' && mine(route.householdId))
      return (
        <Scan key={scanKey(route)} ps={ps} householdId={route.householdId} focus={route.focus} ownSpace />
      );
    if (route.name === 'summary' && mine(route.householdId))
      return (
        <Summary
          key={route.householdId}
          ps={ps}
          householdId={route.householdId}
          cafeId={route.cafeId}
          ownSpace
        />
      );
    if (route.name === 'neighbours' && mine(route.householdId))
      return <Neighbours key={route.householdId} ps={ps} householdId={route.householdId} ownSpace />;
    if (route.name === 'my-cafe' && mine(route.householdId))
      return <MyCafe key={route.householdId} ps={ps} householdId={route.householdId} />;
    if (route.name === 'own-data' && mine(route.householdId))
      return <OwnData key={route.householdId} ps={ps} householdId={route.householdId} ownSpace />;
    return <NotFound />;
  }
  switch (route.name) {
    case 'home':
      return <Home services={services} ps={ps} access={access} />;
    case 'open-session':
      return <OpenSession ps={ps} />;
    case 'session':
      return <SessionScreen key={route.sessionId} ps={ps} sessionId={route.sessionId} />;
    case 'signup':
      // Keyed by draft too: each household's form starts from its own draft, or empty.
      return (
        <SignUp
          key={`${route.sessionId}/${route.draftId ?? 'new'}`}
          ps={ps}
          sessionId={route.sessionId}
          draftId={route.draftId}
        />
      );
    case 'scan':
      return <Scan key={scanKey(route)} ps={ps} householdId={route.householdId} focus={route.focus} />;
    case 'summary':
      return (
        <Summary key={route.householdId} ps={ps} householdId={route.householdId} cafeId={route.cafeId} />
      );
    case 'neighbours':
      return <Neighbours key={route.householdId} ps={ps} householdId={route.householdId} />;
    case 'neighbour-sheet':
      return <NeighbourSheet key={route.householdId} ps={ps} householdId={route.householdId} />;
    case 'perimeter-links':
      return <PerimeterLinks ps={ps} />;
    case 'cafes':
      return <CafeList ps={ps} />;
    case 'cafe-plan':
      return <CafePlan ps={ps} />;
    case 'cafe':
      return <CafeBoard key={route.cafeId} ps={ps} cafeId={route.cafeId} />;
    case 'cafe-print':
      return (
        <CafePrint key={`${route.cafeId}/${route.kind}`} ps={ps} cafeId={route.cafeId} kind={route.kind} />
      );
    case 'cafe-signup':
      return <CafeSignUp key={route.cafeId} ps={ps} cafeId={route.cafeId} />;
    case 'my-cafe':
      return <MyCafe key={route.householdId} ps={ps} householdId={route.householdId} />;
    case 'catalogue':
      return <CatalogueScreen ps={ps} />;
    case 'dashboard':
      return <Dashboard ps={ps} />;
    case 'impact-report':
      return <ImpactReport key={`${route.from}/${route.to}`} ps={ps} from={route.from} to={route.to} />;
    case 'household-access':
      return <HouseholdAccess key={route.householdId} ps={ps} householdId={route.householdId} />;
    case 'own-data':
      return <OwnData key={route.householdId} ps={ps} householdId={route.householdId} />;
    case 'retention':
      return <Retention ps={ps} />;
    case 'device':
      return <DevicePanel services={services} ps={ps} access={access} />;
    case 'join-household':
    case 'join-facilitator':
    case 'enter-code':
    case 'goodbye':
    case 'not-found':
      return <NotFound />;
  }
}

/** A new visit (the whole scan, one theme, one idea) starts afresh, at its own first idea. */
function scanKey(route: Extract<Route, { name: 'scan' }>): string {
  return `${route.householdId}/${route.focus?.kind ?? 'all'}/${route.focus?.id ?? ''}`;
}
