/** The Lambda function of the stations routes (API Gateway passes the matched route in `routeKey`). */
import { getDeps } from '../composition';
import { sliceHandler } from '../platform/http/define-handler';
import { stationRoutes } from '../stations/routes';

export const handler = sliceHandler(stationRoutes, getDeps);
