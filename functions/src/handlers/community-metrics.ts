import { communityMetrics } from '../requests/domain/dashboard';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.communityMetrics, ({ actor, params, query, deps, now }) =>
  communityMetrics(deps, actor, params.id, query, now),
);
