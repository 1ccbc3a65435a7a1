/**
 * The simulation's world: the local stack (DynamoDB Local — persisted under the run's directory so
 * a run can be resumed — the WeChat, 12345 and WeCom stand-ins, local S3), every Lambda function's
 * dependencies reading the fake clock, the route dispatcher and the tick.
 */
import { startLocalStack, LOCAL_SESSION_SECRET, type LocalStack } from '../../../infra/local/stack';
import { routeDispatcher } from '../../../infra/local/dispatch';
import { SimApi, type InvocationMeter } from './api';
import type { SimClock } from './queue';

const FUNCTIONS = ['booking', 'docs', 'identity', 'platform', 'points', 'requests', 'stations'] as const;

export interface World {
  stack: LocalStack;
  api: SimApi;
  /** Runs the deployed every-minute tick once at the clock's time; its report. */
  tick(): Promise<Record<string, unknown>>;
  /** Set when the run is priced: the tick is metered too. */
  meter: InvocationMeter | null;
  /** Ticks run and their wall time (ms). */
  ticks: { count: number; ms: number };
  stop(): Promise<void>;
}

export async function startWorld(opts: { clock: SimClock; table: string; dataDir?: string; s3Dir?: string; dbEndpoint?: string }): Promise<World> {
  const stack = await startLocalStack({ table: opts.table, seed: false, dataDir: opts.dataDir, s3Dir: opts.s3Dir, dbEndpoint: opts.dbEndpoint });
  // Built afresh for this run's table and stand-ins (an earlier run in this process built them for its own).
  (await import('../../../functions/src/composition')).resetDeps();
  // Every function's dependencies read the fake clock (as `deps.now`; nothing else in a use case reads the time).
  for (const fn of FUNCTIONS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`../../../functions/src/handlers/${fn}`) as { deps: () => { now: () => Date } };
    mod.deps().now = opts.clock.now;
  }
  const composition = await import('../../../functions/src/composition');
  composition.getDeps().now = opts.clock.now;
  const tickHandler = (await import('../../../functions/src/handlers/tick')).handler;
  const api = new SimApi(routeDispatcher(), process.env.SESSION_SECRET ?? LOCAL_SESSION_SECRET, opts.clock);
  const world: World = {
    stack,
    api,
    meter: null,
    ticks: { count: 0, ms: 0 },
    async tick() {
      const t = Date.now();
      try {
        return await (world.meter ? world.meter.invoke('tick', 'schedule', 'tick', () => tickHandler()) : tickHandler());
      } finally {
        world.ticks.count++;
        world.ticks.ms += Date.now() - t;
      }
    },
    stop: () => stack.stop(),
  };
  return world;
}
