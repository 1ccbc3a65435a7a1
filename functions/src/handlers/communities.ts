import { myCommunities } from '../identity/domain/login';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.communities, async ({ actor, deps }) => ({ items: await myCommunities(deps, actor) }));
