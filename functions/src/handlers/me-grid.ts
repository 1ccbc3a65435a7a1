import { getMyGrid } from '../domain/identity/login';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.myGrid, async ({ actor, deps }) => ({ grid: await getMyGrid(deps, actor) }));
