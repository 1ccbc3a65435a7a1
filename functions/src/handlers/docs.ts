/** The Lambda function of the API document (`GET /openapi.json`). */
import { docsRoutes } from '../platform/docs-routes';
import { sliceHandler } from '../platform/http/define-handler';
import { depsOf } from '../platform/wiring';

/** This function's dependencies, as it wires them (tests that drive its use cases directly use these). */
export const deps = depsOf('docs', []);

export const handler = sliceHandler(docsRoutes, deps);
