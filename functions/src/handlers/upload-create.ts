import { requestUpload } from '../domain/uploads/uploads';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.uploadCreate, ({ actor, body, deps, now }) => requestUpload(deps, actor, body, now));
