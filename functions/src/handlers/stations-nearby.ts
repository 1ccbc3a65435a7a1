import { findNearbyStations } from '../stations/domain/find-stations';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationsNearby, async ({ query, deps, now }) => {
  const { items, center } = await findNearbyStations(deps, query, now);
  return { items, center };
});
