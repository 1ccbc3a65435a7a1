import { findStationsInBbox } from '../stations/domain/find-stations';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationsInBbox, async ({ query, deps, now }) => {
  const { items } = await findStationsInBbox(deps, query, now);
  return { items };
});
