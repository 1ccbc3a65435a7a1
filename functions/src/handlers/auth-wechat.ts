import { loginWithWeChat } from '../domain/identity/login';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.login, ({ body, deps, now }) => loginWithWeChat(deps, body.code, now));
