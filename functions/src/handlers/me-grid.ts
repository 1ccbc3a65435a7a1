import { getMyGrid } from '../identity/domain/login';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.myGrid, async ({ actor, deps }) => ({ grid: await getMyGrid(deps, actor) }));
