import './styles.css';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { lazy } from './components/lazy';
import { Loading } from './components/Loading';
import { UpdateBanner } from './components/UpdateBanner';
import { useLive, useLiveState } from './hooks/useLive';
import { type Route, isJoinRoute } from './hooks/routes';
import { navigate, useRoute } from './hooks/useRoute';
import { useUpdateReady } from './hooks/useUpdateReady';
import type { FirstScreen } from './first-screen';
import type { PerimeterScreens } from './PerimeterScreens';
import { Welcome } from './screens/Welcome';
import type { AppServices, Live, PerimeterServices } from './services';

// Opened from a link or a QR code, once per device: not worth a place in the first bundle.
const JoinScreen = lazy(() => import('./screens/Join').then((m) => m.JoinScreen));
// Shown once, by the erased household's own phone (after its perimeter is forgotten).
const Goodbye = lazy(() => import('./screens/rights/Goodbye').then((m) => m.Goodbye));
// Not in the first bundle (a new device's first screen is the welcome): a returning device loads
// them while it reads its perimeter, see OpenPerimeter.
const loadPerimeterScreens = () => import('./PerimeterScreens').then((m) => m.PerimeterScreens);

/**
 * The whole app. `services` is undefined while their code (storage, sync) is still loading: the
 * first render then shows `first`, which must be exactly what the page already holds (the
 * prerendered welcome, hydrated in place, or the neutral shell), so nothing on screen moves or is
 * rebuilt. The same tree renders again once the services arrive.
 */
export function App({ services, first }: { services: AppServices | undefined; first: FirstScreen }) {
  return (
    <ErrorBoundary>
      <Shell services={services} first={first} />
    </ErrorBoundary>
  );
}

/** A live value that has not come yet: the current perimeter before the services are loaded. */
const notYet: Live<never> = { subscribe: () => ({ unsubscribe() {} }) };

function Shell({ services, first }: { services: AppServices | undefined; first: FirstScreen }) {
  const current = useLiveState<string | undefined>(
    () => (services ? services.currentPerimeter() : notYet),
    [services],
  );
  const route = useRoute();
  const apply = useUpdateReady(services);
  // This device forgot its perimeter because its household was erased (workspace/own-erasure.ts),
  // however it learnt it: the goodbye screen, once (its link home then goes home).
  const farewell = useLive(() => (services ? services.farewell() : notYet), [services]);
  useEffect(() => {
    if (farewell) navigate({ name: 'goodbye' }, { replace: true });
  }, [farewell]);
  // "Au revoir" opened by its address with nothing erased would say something false: home instead.
  const falseGoodbye = route.name === 'goodbye' && farewell === false;
  useEffect(() => {
    if (falseGoodbye) navigate({ name: 'home' }, { replace: true });
  }, [falseGoodbye]);
  // Never in the middle of a scan: the banner waits until the household has left it.
  const banner = apply && route.name !== 'scan' ? <UpdateBanner apply={apply} /> : null;

  // Joining works with or without a perimeter on the device: it is how a device gets one.
  if (isJoinRoute(route)) {
    return (
      <>
        {banner}
        <Header showHome={false} />
        <main class="screen">
          {services ? <JoinScreen key={route.name} services={services} route={route} /> : <Loading />}
        </main>
      </>
    );
  }
  // The erased household's phone: the perimeter is being forgotten, nothing of it shows any more.
  if (route.name === 'goodbye') {
    if (!farewell) return <NeutralShell />;
    return (
      <>
        <Header showHome={false} />
        <main class="screen">
          <Goodbye />
        </main>
      </>
    );
  }
  // Until IndexedDB has said, the page keeps what it painted first (see first-screen.ts).
  if (!current && first === 'shell') return <NeutralShell />;
  const perimeterId = current?.value;
  if (!services || !perimeterId) {
    return (
      <>
        {banner}
        <Header showHome={false} />
        <main class="screen">
          <Welcome services={services} />
        </main>
      </>
    );
  }
  return (
    <>
      {banner}
      <OpenPerimeter key={perimeterId} services={services} perimeterId={perimeterId} route={route} />
    </>
  );
}

function OpenPerimeter({
  services,
  perimeterId,
  route,
}: {
  services: AppServices;
  perimeterId: string;
  route: Route;
}) {
  const [opened, setOpened] = useState<{ ps: PerimeterServices; Screens: typeof PerimeterScreens }>();
  const [failure, setFailure] = useState<{ reason: unknown }>();
  useEffect(() => {
    let alive = true;
    // Both at once, so the shell goes straight to the perimeter's screens, with no "loading" between.
    Promise.all([services.openPerimeter(perimeterId), loadPerimeterScreens()]).then(
      ([ps, Screens]) => alive && setOpened({ ps, Screens }),
      (reason: unknown) => alive && setFailure({ reason }),
    );
    return () => {
      alive = false;
    };
  }, [services, perimeterId]);
  if (failure) throw failure.reason;
  if (!opened) return <NeutralShell />;
  return <opened.Screens services={services} ps={opened.ps} route={route} />;
}

/** The header and an empty screen: what a returning device shows until its perimeter is read. */
function NeutralShell() {
  return (
    <>
      <Header showHome={false} />
      <main class="screen" />
    </>
  );
}
