import { createStation } from '../domain/stations/manage-stations';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationCreate, async ({ actor, body, deps, now }) => ({
  station: await createStation(deps, actor, body, now),
}));
