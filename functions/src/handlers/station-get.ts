import { getStation } from '../stations/domain/manage-stations';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationGet, async ({ params, deps, now }) => ({
  station: await getStation(deps, params.id, now),
}));
