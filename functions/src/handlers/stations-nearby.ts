import { findNearbyStations } from '../domain/stations/find-stations';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationsNearby, async ({ query, deps, now }) => {
  const { items, center } = await findNearbyStations(deps, query, now);
  return { items, center };
});
