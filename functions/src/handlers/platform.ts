/** The Lambda function of the platform routes (API Gateway passes the matched route in `routeKey`). */
import { getDeps } from '../composition';
import { sliceHandler } from '../platform/http/define-handler';
import { platformRoutes } from '../platform/routes';

export const handler = sliceHandler(platformRoutes, getDeps);
