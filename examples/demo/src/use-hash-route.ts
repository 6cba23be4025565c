import { useEffect, useState } from 'react';

export type Route = 'widget' | 'custom';

function read(): Route {
  return location.hash === '#/custom' ? 'custom' : 'widget';
}

/** Two pages are enough for a hash: no router dependency in the demo. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
