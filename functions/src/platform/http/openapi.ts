import * as z from 'zod';
import { ErrorBody } from '@linli/shared';
import { isPartnerAccess, type NamedRoute } from './route';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function queryParameters(schema: z.ZodType, where: 'query' | 'path'): unknown[] {
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
  }));
}

/** The OpenAPI 3.1 document of every route, generated from the route table and the shared zod schemas. */
export function buildOpenApi(routeList: readonly NamedRoute[], serverUrl?: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } };
  for (const r of routeList) {
    const responses: Record<string, unknown> = {
      [String(r.status)]: {
        description: 'OK',
        content: { 'application/json': { schema: r.response ? jsonSchema(r.response, 'output') : { type: 'object' } } },
      },
      400: { description: '请求参数有误（逐字段说明）', ...error },
      500: { description: '服务内部错误', ...error },
    };
    if (r.access !== 'public' && !(isPartnerAccess(r.access) && r.access.publicRead)) {
      responses[401] = { description: '未登录或登录已过期', ...error };
      responses[403] = { description: '无权限', ...error };
    }
    if (r.params) responses[404] = { description: '不存在', ...error };
    const op: Record<string, unknown> = {
      operationId: r.name,
      summary: r.summary,
      parameters: [
        ...(r.params ? queryParameters(r.params, 'path') : []),
        ...(r.query ? queryParameters(r.query, 'query') : []),
      ],
      responses,
      ...(r.access === 'public' ? { security: [] } : {}),
      // Partner routes take the partner's key (Open311: `api_key` in the query or form); publicRead ones also answer without it.
      ...(isPartnerAccess(r.access) ? { security: [{ partnerKey: [] }, ...(r.access.publicRead ? [{}] : [])], 'x-partner-scope': r.access.partner } : {}),
      ...(r.serviceKey ? { security: [{ session: [] }, { serviceKey: [] }] } : {}),
      ...(Array.isArray(r.access) ? { 'x-roles': r.access } : {}),
      'x-job': r.slice,
    };
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Linli (邻里) API', version: '0.1.0' },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer' },
        partnerKey: { type: 'apiKey', in: 'query', name: 'api_key', description: 'Open311 partner key (also accepted as a form field)' },
        serviceKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'partner system key (12345 hotline)' },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}
