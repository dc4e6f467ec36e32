import './styles.css';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { lazy } from './components/lazy';
import { Loading } from './components/Loading';
import { UpdateBanner } from './components/UpdateBanner';
import { useLiveState } from './hooks/useLive';
import { type Route, isJoinRoute } from './hooks/routes';
import { useRoute } from './hooks/useRoute';
import { useUpdateReady } from './hooks/useUpdateReady';
import { PerimeterScreens } from './PerimeterScreens';
import { Welcome } from './screens/Welcome';
import type { AppServices, PerimeterServices } from './services';

// Opened from a link or a QR code, once per device: not worth a place in the first bundle.
const JoinScreen = lazy(() => import('./screens/Join').then((m) => m.JoinScreen));

export function App({ services }: { services: AppServices }) {
  return (
    <ErrorBoundary>
      <Shell services={services} />
    </ErrorBoundary>
  );
}

function Shell({ services }: { services: AppServices }) {
  const current = useLiveState(() => services.currentPerimeter(), [services]);
  const route = useRoute();
  const apply = useUpdateReady(services);
  // Never in the middle of a scan: the banner waits until the household has left it.
  const banner = apply && route.name !== 'scan' ? <UpdateBanner apply={apply} /> : null;

  // Joining works with or without a perimeter on the device: it is how a device gets one.
  if (isJoinRoute(route)) {
    return (
      <>
        {banner}
        <Header showHome={false} />
        <main class="screen">
          <JoinScreen key={route.name} services={services} route={route} />
        </main>
      </>
    );
  }
  if (!current) return <Loading />;
  const perimeterId = current.value;
  if (!perimeterId) {
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
  const [opened, setOpened] = useState<PerimeterServices>();
  const [failure, setFailure] = useState<{ reason: unknown }>();
  useEffect(() => {
    let alive = true;
    services.openPerimeter(perimeterId).then(
      (ps) => alive && setOpened(ps),
      (reason: unknown) => alive && setFailure({ reason }),
    );
    return () => {
      alive = false;
    };
  }, [services, perimeterId]);
  if (failure) throw failure.reason;
  if (!opened) return <Loading />;
  return <PerimeterScreens services={services} ps={opened} route={route} />;
}
