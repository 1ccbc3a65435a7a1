import { listOpen311Requests } from '../requests/domain/open311';
import { defineOpen311Handler } from '../requests/open311-http';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311List, { publicRead: false }, ({ partner, query, deps, now }) =>
  listOpen311Requests(deps, partner, query, now),
);
