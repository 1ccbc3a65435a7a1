/**
 * The API document, served by a function of its own: it is generated from every job's routes, so
 * its bundle holds them all — and the platform function (photo uploads, used by residents) does not.
 */
import type { Deps } from '../deps';
import { routeFor } from './http/route';

const route = routeFor<Deps>();

export const docsRoutes = {
  openapi: route({
    method: 'GET', path: '/openapi.json', access: 'public', summary: 'OpenAPI 3.1 接口文档', response: null, status: 200,
    run: async () => (await import('../api')).openApiDocument(),
  }),
};
