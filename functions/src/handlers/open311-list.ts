import { listOpen311Requests } from '../domain/requests/open311';
import { defineOpen311Handler } from '../http/open311-handler';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311List, { publicRead: false }, ({ partner, query, deps, now }) =>
  listOpen311Requests(deps, partner, query, now),
);
