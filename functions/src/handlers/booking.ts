/** The Lambda function of the booking routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { depsOf } from '../platform/wiring';
import { bookingRoutes } from '../booking/routes';
import { bookingPart } from '../booking/wiring';
import { peoplePart } from '../identity/wiring';

/** This function's dependencies, as it wires them (tests that drive its use cases directly use these). */
export const deps = depsOf('booking', [peoplePart, bookingPart]);

export const handler = sliceHandler(bookingRoutes, deps);
