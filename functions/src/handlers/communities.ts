import { myCommunities } from '../domain/identity/login';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.communities, async ({ actor, deps }) => ({ items: await myCommunities(deps, actor) }));
