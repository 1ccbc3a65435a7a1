/** The Lambda function of the after-hours booking routes (API Gateway passes the matched route in `routeKey`). */
import { bookingRoutes } from '../booking/routes';
import { getDeps } from '../composition';
import { sliceHandler } from '../platform/http/define-handler';

export const handler = sliceHandler(bookingRoutes, getDeps);
