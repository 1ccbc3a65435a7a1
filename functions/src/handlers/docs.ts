/** The Lambda function of the API document (`GET /openapi.json`). */
import { docsRoutes } from '../platform/docs-routes';
import { sliceHandler } from '../platform/http/define-handler';
import { depsOf } from '../platform/wiring';

export const handler = sliceHandler(docsRoutes, depsOf('docs', []));
