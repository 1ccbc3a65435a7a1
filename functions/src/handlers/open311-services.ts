import { listServices } from '../domain/requests/open311';
import { defineOpen311Handler } from '../http/open311-handler';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311Services, { publicRead: true }, ({ partner, deps }) => listServices(deps, partner));
