import { listCategories } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestCategories, ({ actor, query, deps }) => listCategories(deps, actor, query.communityId));
