import { listCategories } from '../domain/requests/use-cases';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestCategories, ({ actor, query, deps }) => listCategories(deps, actor, query.communityId));
