import { patchStation } from '../stations/domain/manage-stations';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.stationPatch, async ({ actor, params, body, deps, now }) => ({
  station: await patchStation(deps, actor, params.id, body, now),
}));
