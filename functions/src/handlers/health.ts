import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.health, async ({ deps, now }) => ({
  ok: true,
  stage: deps.config.STAGE,
  time: now.toISOString(),
}));
