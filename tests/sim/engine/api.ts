/**
 * How the simulated people use the product: the same Lambda handlers as production, called
 * in-process through the route table (infra/local/dispatch.ts) with API Gateway events, each with a
 * session token signed at the fake clock's time. Every answer is recorded for the recount.
 */
import type { UserRecord } from '../../../functions/src/identity/ports';
import { HmacTokenService } from '../../../functions/src/platform/adapters/hmac-token-service';
import type { Dispatch } from '../../../infra/local/dispatch';
import type { SimClock } from './queue';

export interface Answer<T = any> {
  status: number;
  body: T;
}

/** Wraps each handler invocation (the price meter, tests/sim/meter.ts, attributes capacity and duration to it). */
export interface InvocationMeter {
  invoke<T>(fn: string, route: string, kind: string, run: () => Promise<T>): Promise<T>;
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Idempotency-Key (deterministic in the simulation, so a resumed day replays the same keys). */
  key?: string;
  headers?: Record<string, string>;
  /** The operation kind the price is reported for (request_filed, booking, redemption, …). */
  kind?: string;
  /** The recount's own reads: not metered, so the price counts only what people and the platform do. */
  recount?: boolean;
}

/** What the API reads of a clock to sign tokens: the simulation's fake one, or the wall clock (tests/sim/hotspots). */
export type ApiClock = Pick<SimClock, 'now' | 'ms'>;

export class SimApi {
  private tokens: HmacTokenService;
  private cache = new Map<string, { token: string; until: number }>();
  /** Answers by status class, and 5xx answers (a 5xx is always a finding). */
  readonly counts = { calls: 0, ok: 0, clientErrors: 0, serverErrors: 0, ms: 0 };
  readonly serverErrors: string[] = [];

  constructor(
    private dispatch: Dispatch,
    sessionSecret: string,
    private clock: ApiClock,
    /** Set when the run is priced. */
    public meter: InvocationMeter | null = null,
  ) {
    this.tokens = new HmacTokenService(sessionSecret, 7 * 86400);
  }

  tokenFor(u: UserRecord): string {
    const now = this.clock.ms;
    const hit = this.cache.get(u.id);
    if (hit && hit.until > now + 3600_000) return hit.token;
    const { token, expiresAt } = this.tokens.sign(
      { sub: u.id, roles: u.roles, streetId: u.streetId, communityId: u.communityId, gridId: u.gridId, departmentId: u.departmentId, compound: u.compound ?? null, companyId: u.companyId ?? null, rv: u.rolesVersion },
      this.clock.now(),
    );
    this.cache.set(u.id, { token, until: expiresAt.getTime() });
    return token;
  }

  async call<T = any>(as: UserRecord | { apiKey: string } | null, method: string, path: string, o: CallOptions = {}): Promise<Answer<T>> {
    const url = new URL(path, 'http://sim.local');
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { host: 'sim.local', ...o.headers };
    if (as && 'apiKey' in as) headers['x-api-key'] = as.apiKey;
    else if (as) headers.authorization = `Bearer ${this.tokenFor(as)}`;
    if (o.key) headers['idempotency-key'] = o.key;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const t = Date.now();
    const run = async () => (await this.dispatch({ method, url, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) })).result;
    const route = this.meter && !o.recount ? this.dispatch.resolve(method, url.pathname) : null;
    const result = this.meter && route ? await this.meter.invoke(route.slice, route.routeKey, o.kind ?? 'other', run) : await run();
    const status = result.statusCode ?? 200;
    this.counts.calls++;
    this.counts.ms += Date.now() - t;
    if (status >= 500) {
      this.counts.serverErrors++;
      this.serverErrors.push(`${method} ${path} → ${status} ${String(result.body).slice(0, 300)}`);
    } else if (status >= 400) this.counts.clientErrors++;
    else this.counts.ok++;
    let body: unknown = result.body;
    try {
      body = JSON.parse(String(result.body ?? ''));
    } catch {
      /* keep text */
    }
    return { status, body: body as T };
  }
}
