import { useEffect, useState } from 'preact/hooks';
import { screenChanged } from '../tap-guard';
import { type Route, href, parseHash } from './routes';

export type Navigate = (route: Route, options?: { replace?: boolean }) => void;

/** Each navigation is a history entry, so the tablet's back gesture works like "Retour". */
export const navigate: Navigate = (route, options) => {
  const target = href(route);
  if (options?.replace) location.replace(target);
  else location.hash = target;
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => {
      // Before the new screen renders: a tap already on its way belongs to the old one.
      screenChanged();
      setRoute(parseHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
