/**
 * Family gifts of banked hours (时间银行): a person gives minutes of his time bank to a linked
 * family member, who may pay for needs with them. Two entries that sum to zero, in one transaction
 * with the giver's yearly count (at most YEARLY_GIFT_CAP_MINUTES a calendar year).
 */
import { YEARLY_GIFT_CAP_MINUTES } from '@linli/shared';
import type { FamilyRepository } from '../../identity/ports';
import type { Actor } from '../../platform/domain/actor';
import { ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { claimFor } from '../../platform/domain/idempotency';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { PointsDeps } from './deps';
import { creditPlan, entryOf } from './ledger';

export async function giveHours(
  deps: PointsDeps & { family: FamilyRepository },
  actor: Actor,
  body: { toUserId: string; minutes: number },
  key: string,
  now: Date,
): Promise<{ givenMinutes: number; givenThisYear: number; bankMinutes: number }> {
  const [links, receiver, giver] = await Promise.all([deps.family.linksOf(actor.userId), deps.users.get(body.toUserId), deps.users.get(actor.userId)]);
  if (!receiver || receiver.deletedAt) throw new NotFoundError('家人');
  if (!links.some((l) => l.otherId === body.toUserId)) throw new ForbiddenError('只能转赠给已关联的家人');
  const claim = claimFor('points.transfer', actor.userId, key, body, now, deps.hash);
  const at = now.toISOString();
  const year = shanghaiDate(now).slice(0, 4);
  const source = { type: 'transfer' as const, id: deps.newId() };
  const out = entryOf({ id: deps.newId(), userId: actor.userId, at, kind: 'transfer_out', points: 0, minutes: 0, bank: -body.minutes, reason: `转赠给家人${receiver.name}`, source, actorId: actor.userId, verified: true });
  const into = entryOf({ id: deps.newId(), userId: receiver.id, at, kind: 'transfer_in', points: 0, minutes: 0, bank: body.minutes, reason: `家人${giver?.name ?? ''}转赠`, source, actorId: actor.userId, verified: true });
  await deps.ledger.transfer({ entry: out, takes: [] }, creditPlan(into, deps.newId(), now, null), year, YEARLY_GIFT_CAP_MINUTES, claim);
  const [account, given] = await Promise.all([deps.ledger.account(actor.userId), deps.ledger.givenIn(actor.userId, year)]);
  return { givenMinutes: body.minutes, givenThisYear: given, bankMinutes: account.bankMinutes };
}
