import { nearbyOpenRequests } from '../domain/requests/use-cases';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestsNearby, ({ query, deps }) => nearbyOpenRequests(deps, query));
