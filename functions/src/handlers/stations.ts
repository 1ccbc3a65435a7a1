/** The Lambda function of the stations routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { depsOf } from '../platform/wiring';
import { peoplePart } from '../identity/wiring';
import { stationRoutes } from '../stations/routes';
import { stationsPart } from '../stations/wiring';

export const handler = sliceHandler(stationRoutes, depsOf('stations', [peoplePart, stationsPart]));
