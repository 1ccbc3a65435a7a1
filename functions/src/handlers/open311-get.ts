import { getOpen311Request } from '../domain/requests/open311';
import { defineOpen311Handler } from '../http/open311-handler';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311Get, { publicRead: false }, ({ partner, params, deps }) =>
  getOpen311Request(deps, partner, params.id),
);
