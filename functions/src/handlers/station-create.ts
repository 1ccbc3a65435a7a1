import { createStation } from '../stations/domain/manage-stations';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationCreate, async ({ actor, body, deps, now }) => ({
  station: await createStation(deps, actor, body, now),
}));
