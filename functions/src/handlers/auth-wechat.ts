import { loginWithWeChat } from '../identity/domain/login';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.login, ({ body, deps, now }) => loginWithWeChat(deps, body.code, now));
