import { nearbyOpenRequests } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestsNearby, ({ query, deps }) => nearbyOpenRequests(deps, query));
