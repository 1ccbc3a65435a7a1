import { listServices } from '../requests/domain/open311';
import { defineOpen311Handler } from '../requests/open311-http';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311Services, { publicRead: true }, ({ partner, deps }) => listServices(deps, partner));
