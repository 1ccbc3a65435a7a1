import * as z from 'zod';
import { ErrorBody, IdempotencyKeyHeader } from '@linli/shared';
import { isPartnerAccess, type NamedRoute } from './route';

type Json = Record<string, unknown>;

/**
 * A JSON Schema of a shared zod schema as OpenAPI 3.1 takes it: no `$schema` in every part, and
 * records keyed by an enum (which zod makes exhaustive: every key required) spelt out as objects,
 * so that every required property is defined.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete s.$schema;
  return tidy(s) as Json;
}

function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = k === 'enum' || k === 'const' || k === 'required' ? v : tidy(v);
  const names = (out.propertyNames as { enum?: unknown[] } | undefined)?.enum;
  const value = out.additionalProperties;
  if (out.type === 'object' && !out.properties && Array.isArray(names) && value && typeof value === 'object') {
    out.properties = Object.fromEntries(names.map((n) => [String(n), value]));
    out.additionalProperties = false;
    delete out.propertyNames;
  }
  return out;
}

function parameters(schema: z.ZodType, where: 'query' | 'path'): Json[] {
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || (s.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** The parts of the document an operation is made of, before a wire format other than JSON reshapes it. */
export interface OperationDraft {
  /** The path as clients call it (OpenAPI path template). */
  path: string;
  operation: Json;
}

/** What a wire format needs to describe its operations: schemas, and shared components by name. */
export interface DocTools {
  schema(schema: z.ZodType, io: 'input' | 'output'): Json;
  parameters(schema: z.ZodType, where: 'query' | 'path'): Json[];
  /** A `$ref` to a schema under components (added to the document on first use). */
  schemaRef(name: string, schema: Json): Json;
  /** A `$ref` to a response under components (added on first use). */
  responseRef(name: string, response: Json): Json;
}

/** What WeChat's refusals and failures answer with (`UpstreamError`), on routes that call it. */
const UPSTREAM: Record<401 | 403 | 429 | 502, [string, string]> = {
  401: ['WeChatRefused', '微信不认可登录凭证（code 无效或已使用）'],
  403: ['WeChatBlocked', '该微信账号已被限制'],
  429: ['WeChatRateLimited', '调用微信太频繁，请稍后再试'],
  502: ['WeChatUnavailable', '微信服务暂时不可用或返回异常'],
};

const TAGS: Record<string, string> = {
  platform: '平台：健康检查、接口文档、照片上传、节假日安排',
  identity: '身份：登录、注册、邀请、家人关联、网格与地图',
  stations: '暖新驿站：附近驿站、报修、签到',
  requests: '接诉即办：反映问题、办理、12345 对接、Open311 GeoReport v2',
  booking: '延时服务：服务中心、预约、候补、代办',
  points: '积分兑换与时间银行：活动、兑换、志愿服务',
};

/**
 * The OpenAPI 3.1 document of every route, generated from the route table and the shared zod
 * schemas. A route with its own wire format (`wrap`, e.g. Open311) reshapes its operation through
 * the format's `describe`, so that the document says what that format really sends.
 */
export function buildOpenApi(routeList: readonly NamedRoute[], serverUrl = '/'): Json {
  const components: { schemas: Json; responses: Json } = { schemas: {}, responses: {} };
  const tools: DocTools = {
    schema: jsonSchema,
    parameters,
    schemaRef(name, schema) {
      components.schemas[name] ??= schema;
      return { $ref: `#/components/schemas/${name}` };
    },
    responseRef(name, response) {
      components.responses[name] ??= response;
      return { $ref: `#/components/responses/${name}` };
    },
  };
  const errorBody = () => ({ content: { 'application/json': { schema: tools.schemaRef('ErrorBody', jsonSchema(ErrorBody, 'output')) } } });
  const error = (name: string, description: string) => tools.responseRef(name, { description, ...errorBody() });

  const paths: Record<string, Json> = {};
  for (const r of routeList) {
    const content = { 'application/json': { schema: r.response ? jsonSchema(r.response, 'output') : { type: 'object' } } };
    const responses: Json = { [String(r.status)]: { description: r.status === 201 ? '已创建' : '成功', content } };
    if (r.orStatus) responses[r.orStatus] = { description: '已有：重复提交（同一 Idempotency-Key）或要建的已经存在，返回原有的', content };
    responses[400] = error('BadRequest', '请求参数有误（逐字段说明）');
    if (r.access !== 'public') {
      responses[401] = error('Unauthenticated', '未登录、登录已过期或 API Key 无效');
      responses[403] = error('Forbidden', '无权限');
    }
    // Anything named in the path, the query or the body may not exist (or not be the caller's to see); so may the caller's own grid, home…
    if (r.params || r.query || r.body || r.access !== 'public') responses[404] = error('NotFound', '不存在（或不属于您可见的范围）');
    // A change loses to a concurrent one, or meets a state that forbids it (full, already done, not enough points…);
    // so may a read of a named thing whose state rules it out (the code of an invitation already accepted).
    if (r.method !== 'GET' || r.params) responses[409] = error('Conflict', '冲突：数据已被他人修改，或当前状态不允许此操作（code 说明原因）');
    for (const status of r.upstream ?? []) responses[status] ??= error(...UPSTREAM[status]);
    responses[500] = error('InternalError', '服务内部错误');
    const operation: Json = {
      operationId: r.name,
      summary: r.summary,
      tags: [r.slice],
      parameters: [
        ...(r.params ? parameters(r.params, 'path') : []),
        ...(r.query ? parameters(r.query, 'query') : []),
        ...(r.idempotencyKey
          ? [{ name: 'Idempotency-Key', in: 'header', required: true, description: '每次新的提交一个新值；重试用同一个值，不会重复创建', schema: jsonSchema(IdempotencyKeyHeader, 'input') }]
          : []),
      ],
      responses,
      ...(r.access === 'public' ? { security: [] } : {}),
      ...(r.serviceKey ? { security: [{ session: [] }, { serviceKey: [] }] } : {}),
      ...(Array.isArray(r.access) ? { 'x-roles': r.access } : {}),
      'x-job': r.slice,
    };
    if (r.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    const draft = r.wrap?.describe ? r.wrap.describe(r, { path: r.path, operation }, tools) : { path: r.path, operation };
    (paths[draft.path] ??= {})[r.method.toLowerCase()] = draft.operation;
  }

  const used = new Set(routeList.map((r) => r.slice));
  const schemes: Json = {
    session: { type: 'http', scheme: 'bearer', description: '登录（POST /auth/wechat）所得的会话令牌' },
  };
  if (routeList.some((r) => r.serviceKey)) {
    schemes.serviceKey = { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'partner system key (12345 hotline)' };
  }
  if (routeList.some((r) => isPartnerAccess(r.access))) {
    schemes.partnerKey = { type: 'apiKey', in: 'query', name: 'api_key', description: 'Open311 partner key: a query parameter, or a form field of a POST' };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Linli (邻里) API',
      version: '0.1.0',
      description: '邻里：接诉即办、延时服务、积分兑换与时间银行、暖新驿站。JSON in and out, except the Open311 GeoReport v2 routes (form-encoded POST, errors as a list of {code, description}).',
      // The product is not open source: no licence is granted (the repository has no LICENSE file).
      license: { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: serverUrl, description: 'the host serving this document (API Gateway HTTP API, or the local API of `npm start`)' }],
    tags: Object.entries(TAGS)
      .filter(([name]) => used.has(name))
      .map(([name, description]) => ({ name, description })),
    security: [{ session: [] }],
    paths,
    components: { ...components, securitySchemes: schemes },
  };
}
