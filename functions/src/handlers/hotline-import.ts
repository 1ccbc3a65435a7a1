import { importHotlineTickets } from '../requests/domain/hotline';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.hotlineImport, ({ actor, body, deps, now }) => importHotlineTickets(deps, actor, body, now));
