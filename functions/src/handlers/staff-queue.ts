import { staffQueue } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.staffQueue, ({ actor, query, deps, now }) => staffQueue(deps, actor, query, now));
