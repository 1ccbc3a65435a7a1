/** The Lambda function of the identity routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { depsOf } from '../platform/wiring';
import { identityRoutes } from '../identity/routes';
import { identityPart, peoplePart } from '../identity/wiring';

/** This function's dependencies, as it wires them (tests that drive its use cases directly use these). */
export const deps = depsOf('identity', [peoplePart, identityPart]);

export const handler = sliceHandler(identityRoutes, deps);
