import { useCallback, useRef } from 'react';

/**
 * A page that reads again when a filter, a place or a period changes can have two reads in flight;
 * on a slow network the older one may answer last and would put back what the user has just
 * changed away from. `begin()` at the start of each read gives a check to make before using its
 * answer: true only while no later read has begun.
 */
export function useLatest(): () => () => boolean {
  const last = useRef(0);
  return useCallback(() => {
    const mine = ++last.current;
    return () => mine === last.current;
  }, []);
}
