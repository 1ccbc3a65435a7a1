import { getOpen311Request } from '../requests/domain/open311';
import { defineOpen311Handler } from '../requests/open311-http';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311Get, { publicRead: false }, ({ partner, params, deps }) =>
  getOpen311Request(deps, partner, params.id),
);
