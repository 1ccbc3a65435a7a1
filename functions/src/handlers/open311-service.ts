import { serviceDefinition } from '../domain/requests/open311';
import { defineOpen311Handler } from '../http/open311-handler';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311Service, { publicRead: true }, ({ partner, params, deps }) =>
  serviceDefinition(deps, partner, params.code),
);
