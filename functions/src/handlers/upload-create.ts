import { requestUpload } from '../platform/domain/photos';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.uploadCreate, ({ actor, body, deps, now }) => requestUpload(deps, actor, body, now));
