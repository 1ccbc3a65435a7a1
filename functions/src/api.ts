/**
 * The whole HTTP API: every job's routes, each served by that job's Lambda function
 * (handlers/<job>.ts). The local server routes from this list, `/openapi.json` is generated from it,
 * and a test checks serverless.yml and the packaged template against it.
 */
import { bookingRoutes } from './booking/routes';
import { identityRoutes } from './identity/routes';
import { listRoutes } from './platform/http/define-handler';
import { buildOpenApi } from './platform/http/openapi';
import { docsRoutes } from './platform/docs-routes';
import { platformRoutes } from './platform/routes';
import { pointsRoutes } from './points/routes';
import { requestRoutes } from './requests/routes';
import { stationRoutes } from './stations/routes';

export const slices = {
  platform: platformRoutes,
  docs: docsRoutes,
  identity: identityRoutes,
  stations: stationRoutes,
  requests: requestRoutes,
  booking: bookingRoutes,
  points: pointsRoutes,
};
export type Slice = keyof typeof slices;

export const routeList = listRoutes(slices);

let doc: Record<string, unknown> | undefined;
/** The OpenAPI 3.1 document (built once per container). */
export const openApiDocument = (): Record<string, unknown> => (doc ??= buildOpenApi(routeList));
