/** The Lambda function of the requests routes (API Gateway passes the matched route in `routeKey`). */
import { getDeps } from '../composition';
import { sliceHandler } from '../platform/http/define-handler';
import { requestRoutes } from '../requests/routes';

export const handler = sliceHandler(requestRoutes, getDeps);
