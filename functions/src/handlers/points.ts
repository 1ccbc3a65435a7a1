/** The Lambda function of the volunteer points routes (API Gateway passes the matched route in `routeKey`). */
import { getDeps } from '../composition';
import { sliceHandler } from '../platform/http/define-handler';
import { pointsRoutes } from '../points/routes';

export const handler = sliceHandler(pointsRoutes, getDeps);
