/** The Lambda function of the requests routes (API Gateway passes the matched route in `routeKey`). */
import { sliceHandler } from '../platform/http/define-handler';
import { storagePart } from '../platform/storage-wiring';
import { depsOf } from '../platform/wiring';
import { peoplePart } from '../identity/wiring';
import { requestRoutes } from '../requests/routes';
import { requestsPart } from '../requests/wiring';

/** This function's dependencies, as it wires them (tests that drive its use cases directly use these). */
export const deps = depsOf('requests', [peoplePart, storagePart, requestsPart]);

export const handler = sliceHandler(requestRoutes, deps);
