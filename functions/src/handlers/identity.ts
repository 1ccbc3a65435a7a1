/** The Lambda function of the identity routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { depsOf } from '../platform/wiring';
import { identityRoutes } from '../identity/routes';
import { identityPart, peoplePart } from '../identity/wiring';

export const handler = sliceHandler(identityRoutes, depsOf('identity', [peoplePart, identityPart]));
