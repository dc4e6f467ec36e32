import { Header } from './components/Header';
import { lazy } from './components/lazy';
import { NotFound } from './components/NotFound';
import type { Route } from './hooks/routes';
import { useLive } from './hooks/useLive';
import { Home } from './screens/Home';
import type { AppServices, PerimeterServices } from './services';

// Only the home screen is in the first bundle; the others load on first use (from the service
// worker's precache, so offline too).
const OpenSession = lazy(() => import('./screens/OpenSession').then((m) => m.OpenSession));
const SessionScreen = lazy(() => import('./screens/SessionScreen').then((m) => m.SessionScreen));
const SignUp = lazy(() => import('./screens/SignUp').then((m) => m.SignUp));
const Scan = lazy(() => import('./screens/Scan').then((m) => m.Scan));
const Summary = lazy(() => import('./screens/Summary').then((m) => m.Summary));
const CatalogueScreen = lazy(() => import('./screens/CatalogueScreen').then((m) => m.CatalogueScreen));

interface Props {
  services: AppServices;
  ps: PerimeterServices;
  route: Route;
}

export function PerimeterScreens({ services, ps, route }: Props) {
  const perimeter = useLive(() => ps.queries.perimeter(), [ps]);
  const inScan = route.name === 'scan';
  return (
    <>
      <Header perimeterName={perimeter?.name} showHome={!inScan && route.name !== 'home'} compact={inScan} />
      <main class={inScan ? 'screen screen-scan' : 'screen'}>{screen(services, ps, route)}</main>
    </>
  );
}

function screen(services: AppServices, ps: PerimeterServices, route: Route) {
  switch (route.name) {
    case 'home':
      return <Home services={services} ps={ps} />;
    case 'open-session':
      return <OpenSession ps={ps} />;
    case 'session':
      return <SessionScreen key={route.sessionId} ps={ps} sessionId={route.sessionId} />;
    case 'signup':
      return <SignUp key={route.sessionId} ps={ps} sessionId={route.sessionId} />;
    case 'scan':
      return <Scan key={route.householdId} ps={ps} householdId={route.householdId} />;
    case 'summary':
      return <Summary key={route.householdId} ps={ps} householdId={route.householdId} />;
    case 'catalogue':
      return <CatalogueScreen ps={ps} />;
    case 'not-found':
      return <NotFound />;
  }
}
