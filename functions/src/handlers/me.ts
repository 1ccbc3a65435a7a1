import { getMe } from '../domain/identity/login';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.me, async ({ actor, deps }) => ({ user: await getMe(deps, actor) }));
