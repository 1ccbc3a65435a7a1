import { listMyRequests } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestsMine, ({ actor, query, deps, now }) => listMyRequests(deps, actor, query, now));
