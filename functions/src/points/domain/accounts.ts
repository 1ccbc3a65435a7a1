/** A person's account and ledger, staff's hand-added credits and reversals (冲正). */
import type { AccountDto, EntryKind, LedgerEntryDto, LedgerResponse, SourceType } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { EntryRecord } from '../ports';
import { requireCommunityStaff } from './access';
import type { PointsDeps } from './deps';
import { creditPlan, DAILY_CAPS, entryOf, expiryOf, planTakes, quarterOf, toAccountDto, toEntryDto, withinCap } from './ledger';
import { pendingPoints } from './activities';

export async function accountOf(deps: Pick<PointsDeps, 'ledger' | 'activities'>, userId: string, now: Date): Promise<AccountDto> {
  const [{ account, lots }, pending] = await Promise.all([deps.ledger.accountWithLots(userId), pendingPoints(deps, userId)]);
  return toAccountDto(account, lots, pending, now);
}

export async function myLedger(deps: Pick<PointsDeps, 'ledger' | 'activities'>, actor: Actor, q: { cursor?: string; limit: number }, now: Date): Promise<LedgerResponse> {
  const [account, page] = await Promise.all([accountOf(deps, actor.userId, now), deps.ledger.entries(actor.userId, q.cursor, q.limit)]);
  return { account, entries: page.items.map(toEntryDto), nextCursor: page.nextCursor };
}

/** What every credit shares: the entry, clipped to the day's cap for its source type. */
export async function plannedCredit(
  deps: Pick<PointsDeps, 'ledger' | 'newId' | 'units' | 'expiryYears'>,
  c: { userId: string; points: number; minutes: number; reason: string; source: { type: SourceType; id: string }; actorId: string | null; verified: boolean; communityId: string | null; teamId?: string | null },
  now: Date,
) {
  const day = shanghaiDate(now);
  const [seen, unitIds] = await Promise.all([deps.ledger.creditedOn(c.userId, day, c.source.type), unitsServed(deps, c.userId, c.communityId)]);
  const points = withinCap(c.points, seen, DAILY_CAPS[c.source.type]);
  const clipped = points < c.points ? `（超出每日上限，计入 ${points} 分）` : '';
  const entry = entryOf({ id: deps.newId(), userId: c.userId, at: now.toISOString(), kind: 'earn', points, minutes: c.minutes, reason: `${c.reason}${clipped}`, source: c.source, actorId: c.actorId, verified: c.verified, communityId: c.communityId, teamId: c.teamId ?? null, unitIds });
  return creditPlan(entry, deps.newId(), now, { day, seen }, expiryOf(now, deps.expiryYears ?? 1));
}

/** The 共建单位 of the community a person belongs to: his service there counts for them too. */
async function unitsServed(deps: Pick<PointsDeps, 'units'>, userId: string, communityId: string | null): Promise<string[]> {
  if (!communityId) return [];
  const ids = await deps.units.groupsOf(userId);
  const units = await Promise.all(ids.map((id) => deps.units.get(id)));
  return units.filter((u) => u?.communityId === communityId).map((u) => u!.id);
}

/** Retries a write whose cap counter moved under it (another credit that day), a few times. */
export async function retryOnCapChange<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof ConflictError && e.code === 'cap_changed') || attempt >= 8) throw e;
    }
  }
}

/** Staff add points by hand for someone of their community (marked as not verified work). */
export async function adminCredit(
  deps: PointsDeps,
  actor: Actor,
  body: { userId: string; points: number; minutes: number; reason: string },
  idempotencyKey: string,
  now: Date,
): Promise<{ entry: LedgerEntryDto; account: AccountDto; created: boolean }> {
  const person = await deps.users.get(body.userId);
  if (!person || person.deletedAt || !person.communityId || !person.streetId) throw new NotFoundError('居民');
  requireCommunityStaff(actor, { communityId: person.communityId, streetId: person.streetId }, '为居民补记积分');
  const claim = claimFor('points.admin_credit', actor.userId, idempotencyKey, body, now, deps.hash);
  const { id, created, written } = await retryOnCapChange(async (): Promise<{ id: string; created: boolean; written: EntryRecord | null }> => {
    const plan = await plannedCredit(
      deps,
      { userId: person.id, points: body.points, minutes: body.minutes, reason: `工作人员补记：${body.reason}`, source: { type: 'admin', id: deps.newId() }, actorId: actor.userId, verified: false, communityId: person.communityId },
      now,
    );
    const once = await deps.ledger.creditOnce(plan, claim);
    return once.created ? { id: plan.entry.id, created: true, written: plan.entry } : { id: replayOf(claim, once.receipt).id, created: false, written: null };
  });
  // The entry as written (a replay reads the first call's).
  const entry = written ?? (await deps.ledger.entry(person.id, id));
  if (!entry) throw new NotFoundError('积分记录');
  return { entry: toEntryDto(entry), account: await accountOf(deps, person.id, now), created };
}

/**
 * 冲正: staff take back an erroneous credit with a reason. Nothing is deleted: a reversing entry
 * takes the points (from whatever lots are live, never below zero) and the service minutes, and
 * the original is marked reversed (once).
 */
export async function reverseEntry(deps: PointsDeps, actor: Actor, userId: string, entryId: string, reason: string, now: Date): Promise<{ entry: LedgerEntryDto; account: AccountDto }> {
  const [original, person] = await Promise.all([deps.ledger.entry(userId, entryId), deps.users.get(userId)]);
  if (!original || !person) throw new NotFoundError('积分记录');
  const communityId = original.communityId ?? person.communityId;
  const streetId = person.streetId ?? '';
  if (!communityId) throw new ValidationError('该记录不属于任何社区', [{ field: 'entryId', message: '无法冲正' }]);
  requireCommunityStaff(actor, { communityId, streetId: (await deps.places.getCommunity(communityId))?.streetId ?? streetId }, '冲正积分');
  if (original.kind !== 'earn') throw new ConflictError('只能冲正获得积分的记录', 'not_reversible');
  if (original.reversedBy) throw new ConflictError('该记录已冲正', 'already_reversed');
  const lots = await deps.ledger.lots(userId);
  const kind: EntryKind = 'reversal';
  const takes = original.points > 0 ? planTakes(lots, original.points) : [];
  const entry: EntryRecord = {
    id: deps.newId(), userId, at: now.toISOString(), kind, points: -original.points, minutes: -original.minutes, bank: -original.bank, reason: `冲正：${reason}`,
    source: { type: 'entry', id: original.id }, actorId: actor.userId, verified: original.verified, communityId: original.communityId, reversedBy: null,
    lots: takes.map((t) => ({ id: t.lot.id, expiresOn: t.lot.expiresOn, points: -t.take })),
  };
  const board = original.communityId
    ? { communityId: original.communityId, quarter: quarterOf(new Date(original.at)), teamId: original.teamId ?? null, unitIds: original.unitIds ?? [] }
    : null;
  await deps.ledger.reverse(original, { entry, takes, board });
  return { entry: toEntryDto(entry), account: await accountOf(deps, userId, now) };
}
