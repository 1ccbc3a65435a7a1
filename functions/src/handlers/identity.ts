/** The Lambda function of the identity routes (API Gateway passes the matched route in `routeKey`). */
import { getDeps } from '../composition';
import { sliceHandler } from '../platform/http/define-handler';
import { identityRoutes } from '../identity/routes';

export const handler = sliceHandler(identityRoutes, getDeps);
