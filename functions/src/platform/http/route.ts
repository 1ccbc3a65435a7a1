/**
 * A route of the HTTP API: method, path, who may call it, the shared schemas of its input and
 * output, and what it runs. Each job declares its routes once (`<job>/routes.ts`); the Lambda
 * handler of the job, the local server, the OpenAPI document and the check of serverless.yml all
 * come from those lists.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Role } from '@linli/shared';
import type { z } from 'zod';
import type { Actor } from '../domain/actor';
import type { ApiScope } from '../ports/api-keys';
import type { MetricName } from '../metrics';
import type { DocTools, OperationDraft } from './openapi';

/**
 * `public`: anyone; `user`: any signed-in user; a role list: signed-in users holding one of them;
 * `partner`: partner systems with an API key of that scope (`publicRead`: also anyone, for reads a
 * specification makes public).
 */
export type Access = 'public' | 'user' | readonly Role[] | { partner: ApiScope; publicRead?: boolean };

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<D, P, Q, B, A extends Access> {
  actor: A extends 'public' ? Actor | null : Actor;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  deps: D;
  now: Date;
  event: APIGatewayProxyEventV2;
}

export interface RouteDef<D = any, P = any, Q = any, B = any, A extends Access = Access> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  access: A;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  response: z.ZodType | null;
  status: number;
  /** Another success status with the same body: 200 where `createdOrReplayed` answers a retry, or finds what it would make. */
  orStatus?: number;
  /** Takes a required `Idempotency-Key` header: a retry with the same key makes nothing new. */
  idempotencyKey?: true;
  /** Calls WeChat: its refusals and failures answer with these statuses (`UpstreamError`). */
  upstream?: readonly (401 | 403 | 429 | 502)[];
  /** Also callable by partner systems with an API key of this scope (`X-Api-Key`). */
  serviceKey?: ApiScope;
  run: (input: HandlerInput<D, P, Q, B, A>) => Promise<unknown>;
  /** A business metric counted when the route answers 201 (something made now, not a replayed key). */
  metric?: MetricName;
  /** Another wire format than the default JSON (e.g. Open311's), given the route and the deps. */
  wrap?: WireFormat<D>;
}

/** A wire format other than the default JSON: its Lambda handler, and how its operations show in the OpenAPI document. */
export interface WireFormat<D = any> {
  (route: RouteDef<D>, deps: () => D): LambdaHandler;
  /** The operation as this format really answers (path, body encoding, error bodies, who may call), from the JSON one. */
  describe?: (route: NamedRoute, draft: OperationDraft, tools: DocTools) => OperationDraft;
}

/** A route with its name and the job it belongs to (that job's Lambda function serves it). */
export type NamedRoute = RouteDef & { name: string; slice: string };

export type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** Declares a route with its input types inferred from its schemas. */
export const routeFor =
  <D>() =>
  <P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, A extends Access = Access>(
    def: RouteDef<D, P, Q, B, A>,
  ): RouteDef<D, P, Q, B, A> =>
    def;

/** A route function's answer with a status other than the route's default (e.g. 200 for a replayed submit). */
export class Respond {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** The answer of an idempotent create: 201 when made now, 200 when a retried key replays what it made. */
export const createdOrReplayed = <T>(created: boolean, body: T): T | Respond => (created ? body : new Respond(200, body));

export const isPartnerAccess = (a: Access): a is { partner: ApiScope; publicRead?: boolean } => typeof a === 'object' && !Array.isArray(a);
