import { staffQueue } from '../domain/requests/use-cases';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.staffQueue, ({ actor, query, deps, now }) => staffQueue(deps, actor, query, now));
