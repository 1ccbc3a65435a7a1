import { listMyRequests } from '../domain/requests/use-cases';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestsMine, ({ actor, query, deps, now }) => listMyRequests(deps, actor, query, now));
