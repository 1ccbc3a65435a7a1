import { serviceDefinition } from '../requests/domain/open311';
import { defineOpen311Handler } from '../requests/open311-http';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311Service, { publicRead: true }, ({ partner, params, deps }) =>
  serviceDefinition(deps, partner, params.code),
);
