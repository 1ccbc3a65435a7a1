/**
 * The wrapper for Open311 GeoReport v2 routes: the partner's `api_key` (query or form field, as the
 * specification puts it) is checked first, then the input is parsed with the shared schemas; bodies
 * are form-encoded; errors are a list of {code, description} with 400, 403 or 404.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Open311Errors } from '@linli/shared';
import type { z } from 'zod';
import type { PlaceRepository } from '../identity/places-port';
import { DomainError, NotFoundError, ValidationError } from '../platform/domain/errors';
import type { Actor } from '../platform/domain/actor';
import { logger } from '../platform/logger';
import { partnerFromKey, type PartnerDeps } from '../platform/http/partner';
import type { DocTools, OperationDraft } from '../platform/http/openapi';
import { isPartnerAccess, type LambdaHandler, type NamedRoute, type RouteDef } from '../platform/http/route';

type Open311Deps = PartnerDeps & { places: PlaceRepository; now: () => Date };

const json = (status: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});
const errors = (status: number, description: string) => json(status, [{ code: status, description }]);

function readForm(event: APIGatewayProxyEventV2): Record<string, string> {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const type = event.headers?.['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
      }
    } catch {
      /* fall through to the form parser */
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function parse<S extends z.ZodType>(schema: S | undefined, input: unknown): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
}

async function partner(deps: Open311Deps, key: string | undefined): Promise<Actor | null> {
  if (!key) return null;
  const found = await partnerFromKey(deps, key, 'open311');
  return typeof found === 'string' ? null : found;
}

/**
 * The Open311 wire format for a route whose access is `{ partner: 'open311' }`. With `publicRead`
 * it is answerable without a key for a given `jurisdiction_id` (our street id), as the service list
 * is public in GeoReport. Requests themselves are residents' data: partners only.
 */
export function open311Format<D extends Open311Deps>(route: RouteDef<D>, getDeps: () => D): LambdaHandler {
  const publicRead = isPartnerAccess(route.access) && route.access.publicRead === true;
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const deps = getDeps();
      const form = route.body ? readForm(event) : {};
      const key = event.queryStringParameters?.api_key ?? form.api_key;
      let caller = await partner(deps, key);
      const jurisdiction = event.queryStringParameters?.jurisdiction_id;
      if (!caller && !key && publicRead && jurisdiction) {
        if (!(await deps.places.getStreet(jurisdiction))) return errors(404, `jurisdiction_id ${jurisdiction} not found`);
        caller = { userId: 'public', roles: [], streetId: jurisdiction, communityId: null, gridId: null, partner: { id: 'public', name: '公众' } };
      }
      if (!caller) return errors(403, key ? 'api_key is not valid for Open311' : 'api_key is required');
      const params = parse(route.params as z.ZodType | undefined, event.pathParameters);
      const query = parse(route.query as z.ZodType | undefined, event.queryStringParameters);
      // The key may come in the query instead of the form (as the wrapper's check above takes it): the body then lacks it.
      const body = parse(route.body as z.ZodType | undefined, route.body && !form.api_key && key ? { ...form, api_key: key } : form);
      return json(route.status, await route.run({ actor: caller, params, query, body, deps, now: deps.now(), event }));
    } catch (e) {
      if (e instanceof NotFoundError) return errors(404, e.message.trim());
      if (e instanceof ValidationError) return errors(400, e.fields.length ? `${e.message} (${e.fields.map((f) => f.field).join(', ')})` : e.message);
      if (e instanceof DomainError) return errors(400, e.message);
      logger.error('unhandled error', { route: `${route.method} ${route.path}`, error: e instanceof Error ? e.stack : String(e) });
      return errors(500, 'internal error');
    }
  };
}

const ERRORS: Record<number, string> = {
  400: 'the input is not valid (description names the field), or the request cannot be taken (e.g. unknown service_code, a location outside our streets)',
  403: 'api_key missing (and, where the list is public, no jurisdiction_id either) or not valid for Open311',
  404: 'no such service, service request or jurisdiction_id',
  500: 'internal error',
};

/**
 * How `open311Format` shows in the OpenAPI document, as it answers: `.json` at the end of each
 * path (a `{code}` route variable captures the suffix, the schema strips it), the key as the
 * `partnerKey` scheme (query, or form field of a POST) and not as a parameter, key-less reads by
 * `jurisdiction_id` where the list is public, form-encoded POST bodies, and every error as a list of
 * {code, description} with 400, 403, 404 or 500 (never 401).
 */
open311Format.describe = (route: NamedRoute, draft: OperationDraft, tools: DocTools): OperationDraft => {
  const publicRead = isPartnerAccess(route.access) && route.access.publicRead === true;
  const path = draft.path.replace(/\{(\w+)\}$/, '{$1}.json');
  type Parameter = { name: string; in: string; description?: string; required: boolean; schema: { type?: string; pattern?: string } };
  const parameters = (draft.operation.parameters as Parameter[])
    .filter((p) => p.name !== 'api_key')
    .map((p) => (p.in === 'path' && p.schema.pattern ? { ...p, schema: { ...p.schema, pattern: p.schema.pattern.replace(/\\\.json\$$/, '$') } } : p));
  if (publicRead && !parameters.some((p) => p.name === 'jurisdiction_id')) {
    parameters.push({
      name: 'jurisdiction_id',
      in: 'query',
      description: 'our street id: without api_key, answers as for the public (an unknown id is 404); with neither, 403',
      required: false,
      schema: { type: 'string' },
    });
  }
  if (route.method === 'POST') {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      description: 'not in GeoReport: a partner may send one (8–64 letters, digits, - or _) to make a retried POST create nothing new; another value is ignored',
      required: false,
      schema: { type: 'string' },
    });
  }
  const errorList = tools.schemaRef('Open311Errors', tools.schema(Open311Errors, 'output'));
  const statuses = [400, 403, ...(publicRead || route.params ? [404] : []), 500];
  const ok = (draft.operation.responses as Record<string, unknown>)[String(route.status)];
  const responses: Record<string, unknown> = { [String(route.status)]: ok };
  for (const status of statuses) {
    responses[status] = tools.responseRef(`Open311Error${status}`, { description: ERRORS[status], content: { 'application/json': { schema: errorList } } });
  }
  const operation: Record<string, unknown> = {
    ...draft.operation,
    parameters,
    responses,
    security: [{ partnerKey: [] }, ...(publicRead ? [{}] : [])],
    ...(isPartnerAccess(route.access) ? { 'x-partner-scope': route.access.partner } : {}),
  };
  if (route.body) {
    // The key is a field of the form, or a query parameter instead (the partnerKey scheme).
    const form = tools.schema(route.body as z.ZodType, 'input') as { required?: string[] };
    const schema = { ...form, required: (form.required ?? []).filter((f) => f !== 'api_key') };
    operation.requestBody = {
      required: true,
      description: 'form-encoded as GeoReport v2 says, api_key one of the fields (or in the query); a JSON object of the same fields is also read, each value as text',
      content: { 'application/x-www-form-urlencoded': { schema }, 'application/json': { schema } },
    };
  }
  return { path, operation };
};
