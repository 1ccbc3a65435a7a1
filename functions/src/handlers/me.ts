import { getMe } from '../identity/domain/login';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.me, async ({ actor, deps }) => ({ user: await getMe(deps, actor) }));
