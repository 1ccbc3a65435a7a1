import { defineHandler } from '../platform/http/define-handler';
import { buildOpenApi } from '../platform/http/openapi';
import { routes } from '../http/routes';

let doc: Record<string, unknown> | undefined;

export const handler = defineHandler(routes.openapi, async () => {
  doc ??= buildOpenApi();
  return doc;
});
