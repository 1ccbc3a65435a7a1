import { findStationsInBbox } from '../domain/stations/find-stations';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationsInBbox, async ({ query, deps, now }) => {
  const { items } = await findStationsInBbox(deps, query, now);
  return { items };
});
