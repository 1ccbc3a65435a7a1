/** The Lambda function of the points routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { storagePart } from '../platform/storage-wiring';
import { depsOf } from '../platform/wiring';
import { peoplePart } from '../identity/wiring';
import { pointsRoutes } from '../points/routes';
import { pointsPart } from '../points/wiring';

/** This function's dependencies, as it wires them (tests that drive its use cases directly use these). */
export const deps = depsOf('points', [peoplePart, storagePart, pointsPart]);

export const handler = sliceHandler(pointsRoutes, deps);
