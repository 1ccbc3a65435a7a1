/**
 * The rush hot spots of issue 14 at full size (`npm run bench -- city`; also part of the full bench):
 * 20,000 volunteers for a reward of 2,000 released at a set time, 1,000 residents for an evening slot
 * of 30 places, a 12345 file of 5,000 tickets imported and then sent again. Each on a fresh store.
 */
import { startDynamoLocal } from '../../infra/local/dynamodb-local';
import { freshHandlers } from '../sim/hotspots/drive';
import { hotlineBatch } from '../sim/hotspots/hotline-batch';
import { rewardRelease } from '../sim/hotspots/reward-release';
import { slotOpening } from '../sim/hotspots/slot-opening';

type Emit = (bench: string, metric: string, value: number, extra?: Record<string, unknown>) => void;

export async function cityHotspots(env: (endpoint: string, table: string) => Record<string, string>, emit: Emit, log: (m: string) => void): Promise<void> {
  const on = async <T>(table: string, what: string, run: (endpoint: string) => Promise<T>): Promise<T> => {
    const db = await startDynamoLocal();
    try {
      // Business metrics (EMF lines on stdout) would mix with the bench's own lines.
      Object.assign(process.env, env(db.endpoint, table), { POWERTOOLS_METRICS_DISABLED: 'true' });
      await freshHandlers();
      log(what);
      return await run(db.endpoint);
    } finally {
      await db.stop();
    }
  };
  const release = await on('bench-release', 'city: 20,000 volunteers at 09:00 for a reward of 2,000', (endpoint) => rewardRelease({ endpoint, table: 'bench-release' }));
  emit('city', 'popular_reward_oversold', release.oversold, { ...release, target: 0 });
  emit('city', 'reward_release_per_s', release.perSecond, { answers_per_s: release.answersPerSecond, wall_s: release.wallSeconds, tries: release.tries, stock: release.stock });
  const slot = await on('bench-evening', 'city: 1,000 residents for an evening slot of 30 places', (endpoint) => slotOpening({ endpoint, table: 'bench-evening' }));
  emit('city', 'slot_opening_overbooked', slot.overbooked, { ...slot, target: 0 });
  const batch = await on('bench-hotline', 'city: a 12345 file of 5,000 tickets, then the same file again', (endpoint) => hotlineBatch({ endpoint, table: 'bench-hotline' }));
  emit('city', 'hotline_batch_duplicates_on_resend', batch.duplicatesOnResend, { ...batch, target: 0 });
  emit('city', 'hotline_batch_seconds', batch.wallSeconds, { tickets: batch.tickets, resend_s: batch.resendSeconds, out_of_order: batch.outOfOrder, missing: batch.missingFromQueues });
}
