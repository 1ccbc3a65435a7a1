/** Open311 GeoReport v2 routes: partner systems with an `api_key`; the service list also by `jurisdiction_id`. */
import { randomUUID } from 'node:crypto';
import {
  Open311KeyQuery, Open311PostBody, Open311PostResponse, Open311RequestList, Open311RequestParams, Open311RequestsQuery,
  Open311ServiceDefinition, Open311ServiceList, Open311ServiceParams,
} from '@linli/shared';
import type { Deps } from '../deps';
import type { Actor } from '../platform/domain/actor';
import { routeFor } from '../platform/http/route';
import { getOpen311Request, listOpen311Requests, listServices, postOpen311Request, serviceDefinition } from './domain/open311';
import { open311Format } from './open311-http';

const route = routeFor<Deps>();
const PARTNER = { partner: 'open311' } as const;
const PARTNER_OR_PUBLIC_READ = { partner: 'open311', publicRead: true } as const;
const partnerOf = (actor: Actor | null): Actor => actor!;

export const open311Routes = {
  open311Services: route({
    method: 'GET', path: '/open311/v2/services.json', access: PARTNER_OR_PUBLIC_READ, wrap: open311Format,
    summary: 'Open311 GeoReport v2: service list (api_key, or jurisdiction_id = street id)', response: Open311ServiceList, status: 200,
    run: ({ actor, deps }) => listServices(deps, partnerOf(actor)),
  }),
  open311Service: route({
    method: 'GET', path: '/open311/v2/services/{code}', access: PARTNER_OR_PUBLIC_READ, wrap: open311Format,
    summary: 'Open311 GeoReport v2: service definition (/services/{code}.json)', params: Open311ServiceParams, response: Open311ServiceDefinition, status: 200,
    run: ({ actor, params, deps }) => serviceDefinition(deps, partnerOf(actor), params.code),
  }),
  open311Post: route({
    method: 'POST', path: '/open311/v2/requests.json', access: PARTNER, wrap: open311Format,
    summary: 'Open311 GeoReport v2: create a service request (form-encoded, partner api_key)', body: Open311PostBody, response: Open311PostResponse, status: 201,
    run: ({ actor, body, deps, now, event }) => {
      // GeoReport has no idempotency; a partner may send Idempotency-Key to make retries safe.
      const key = event.headers?.['idempotency-key'];
      return postOpen311Request(deps, partnerOf(actor), body, key && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : randomUUID(), now);
    },
  }),
  open311List: route({
    method: 'GET', path: '/open311/v2/requests.json', access: PARTNER, wrap: open311Format,
    summary: 'Open311 GeoReport v2: service requests (partner api_key)', query: Open311RequestsQuery, response: Open311RequestList, status: 200,
    run: ({ actor, query, deps, now }) => listOpen311Requests(deps, partnerOf(actor), query, now),
  }),
  open311Get: route({
    method: 'GET', path: '/open311/v2/requests/{id}', access: PARTNER, wrap: open311Format,
    summary: 'Open311 GeoReport v2: one service request (/requests/{id}.json, partner api_key)',
    params: Open311RequestParams, query: Open311KeyQuery, response: Open311RequestList, status: 200,
    run: ({ actor, params, deps }) => getOpen311Request(deps, partnerOf(actor), params.id),
  }),
};
