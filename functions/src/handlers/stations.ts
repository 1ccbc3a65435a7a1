/** The Lambda function of the stations routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { depsOf } from '../platform/wiring';
import { peoplePart } from '../identity/wiring';
import { stationRoutes } from '../stations/routes';
import { stationsPart } from '../stations/wiring';

/** This function's dependencies, as it wires them (tests that drive its use cases directly use these). */
export const deps = depsOf('stations', [peoplePart, stationsPart]);

export const handler = sliceHandler(stationRoutes, deps);
