import { checkIn } from '../stations/domain/check-in';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.checkIn, ({ actor, params, deps, now }) => checkIn(deps, actor, params.id, now));
