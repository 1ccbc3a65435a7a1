import { checkIn } from '../domain/stations/check-in';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.checkIn, ({ actor, params, deps, now }) => checkIn(deps, actor, params.id, now));
