/** The Lambda function of the platform routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { platformRoutes } from '../platform/routes';
import { storagePart } from '../platform/storage-wiring';
import { depsOf } from '../platform/wiring';
import { peoplePart } from '../identity/wiring';

/** This function's dependencies, as it wires them (tests that drive its use cases directly use these). */
export const deps = depsOf('platform', [peoplePart, storagePart]);

export const handler = sliceHandler(platformRoutes, deps);
