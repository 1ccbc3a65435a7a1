/**
 * Points expire lot by lot (31 December of the year after they were earned): the expiry task on
 * the tick takes what is left of each lot due before today off the balance with an `expiry` entry.
 * Safe to run twice at once: each lot goes with a condition on what was left.
 */
import { clip } from '../../platform/domain/notices';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { OutboxMessage, TopicHandler } from '../../platform/domain/outbox';
import type { ConsentStore } from '../../platform/ports/consents';
import type { Messenger } from '../../platform/ports/messenger';
import type { LedgerRepository, LotRecord } from '../ports';
import type { TickTask } from '../../platform/domain/tick';
import type { PointsDeps } from './deps';
import { entryOf } from './ledger';

export async function expireLots(deps: Pick<PointsDeps, 'ledger' | 'newId'>, now: Date, budget: number): Promise<{ expired: number; points: number; examined: number; more: boolean }> {
  const today = shanghaiDate(now);
  const due = await deps.ledger.expiringBefore(today, budget + 1);
  let expired = 0;
  let points = 0;
  for (const lot of due.slice(0, budget)) {
    const entry = entryOf({
      id: deps.newId(), userId: lot.userId, at: now.toISOString(), kind: 'expiry', points: -lot.remaining, minutes: 0,
      reason: `${lot.expiresOn} 到期的积分已过期`, source: { type: 'lot', id: lot.id }, actorId: null, verified: true,
      lots: [{ id: lot.id, expiresOn: lot.expiresOn, points: -lot.remaining }],
    });
    if ((await deps.ledger.expire(lot, entry)) && lot.remaining > 0) {
      expired++;
      points += lot.remaining;
    }
  }
  return { expired, points, examined: Math.min(due.length, budget), more: due.length > budget };
}

export const expiryTask = (deps: Pick<PointsDeps, 'ledger' | 'newId'>): TickTask => ({
  name: 'points.expire',
  budget: 200,
  async run(now, budget) {
    const { examined, more, ...stats } = await expireLots(deps, now, budget);
    return { handled: examined, more, stats };
  },
});

/** The outbox topic of "your points expire soon" (one message per new lot; one notice per person and date). */
export const EXPIRING_TOPIC = 'points.expiring';
/** Told 31 days before, at 10:00 China time. */
export function expiringMessage(lot: Pick<LotRecord, 'userId' | 'expiresOn' | 'id'>): OutboxMessage {
  const dueAt = new Date(Date.parse(`${lot.expiresOn}T10:00:00+08:00`) - 31 * 86400_000).toISOString();
  return { topic: EXPIRING_TOPIC, subject: `${lot.userId}#${lot.expiresOn}`, dueAt, payload: { userId: lot.userId, expiresOn: lot.expiresOn } };
}

/**
 * Delivers "points expiring": what is left of the person's lots of that date, told once per date,
 * only with his consent for the template; nothing when it is all spent or the notice is off.
 */
export function expiringHandler(deps: { ledger: LedgerRepository; consents: ConsentStore; messenger: Messenger; template: string }): TopicHandler {
  return async (entry) => {
    const { userId, expiresOn } = entry.payload as { userId: string; expiresOn: string };
    if (!deps.template) return 'drop';
    const left = (await deps.ledger.lots(userId)).filter((l) => l.expiresOn === expiresOn).reduce((s, l) => s + l.remaining, 0);
    if (left === 0) return 'done';
    if (!(await deps.ledger.markExpiryNoticed(userId, expiresOn))) return 'done';
    if (!(await deps.consents.consume(userId, deps.template))) return 'drop';
    const outcome = await deps.messenger.send({
      userId,
      templateId: deps.template,
      page: 'pages/points/index',
      data: { thing1: clip('积分即将过期', 20), number2: String(left), date3: expiresOn, thing4: clip('请到积分兑换点兑换', 20) },
    });
    if (outcome === 'failed') {
      await deps.consents.restore(userId, deps.template);
      return 'retry';
    }
    return outcome === 'sent' ? 'done' : 'drop';
  };
}
