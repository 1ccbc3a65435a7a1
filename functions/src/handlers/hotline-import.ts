import { importHotlineTickets } from '../domain/requests/hotline';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.hotlineImport, ({ actor, body, deps, now }) => importHotlineTickets(deps, actor, body, now));
