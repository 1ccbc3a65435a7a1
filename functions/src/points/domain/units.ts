/**
 * 共建单位 (units registered with a community, the workplaces of working party members who report
 * in: 在职党员双报到): the community registers a unit and gets its six-digit code; members report in
 * with it; the community publishes the unit's standing posts (岗位, weekly duties) as activities only
 * its members claim; service by members counts on the unit's board, reported per unit each quarter.
 */
import type { UnitDto } from '@linli/shared';
import type { z } from 'zod';
import type { UnitReportResponse } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import { NotFoundError, ValidationError } from '../../platform/domain/errors';
import { sixDigits } from '../../platform/domain/codes';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { UnitRecord } from '../ports';
import { requireCommunityStaff, runsCommunity } from './access';
import type { PointsDeps } from './deps';
import { quarterOf } from './ledger';

const toDto = (u: UnitRecord, actor: Actor, mine: boolean): UnitDto => {
  const { streetId: _s, joinCode, ...rest } = u;
  return { ...rest, joinCode: runsCommunity(actor, u) ? joinCode : null, mine };
};

async function communityOf(deps: PointsDeps, id: string) {
  const c = await deps.places.getCommunity(id);
  if (!c) throw new ValidationError('社区不存在', [{ field: 'communityId', message: '请选择社区' }]);
  return c;
}

export async function createUnit(deps: PointsDeps, actor: Actor, body: { communityId: string; name: string; contact: string }, key: string, now: Date): Promise<{ unit: UnitDto; created: boolean }> {
  const c = await communityOf(deps, body.communityId);
  requireCommunityStaff(actor, { communityId: c.id, streetId: c.streetId }, '登记共建单位');
  const claim = claimFor('points.unit_create', actor.userId, key, body, now, deps.hash);
  const u: UnitRecord = { id: deps.newId(), ...body, streetId: c.streetId, joinCode: sixDigits(deps.randomBytes), members: 0, createdAt: now.toISOString() };
  const once = await deps.units.create(u, claim);
  const stored = once.created ? u : await deps.units.get(replayOf(claim, once.receipt).id);
  if (!stored) throw new NotFoundError('共建单位');
  return { unit: toDto(stored, actor, false), created: once.created };
}

export async function listUnits(deps: PointsDeps, actor: Actor, communityId: string | undefined): Promise<UnitDto[]> {
  const target = communityId ?? actor.communityId;
  if (!target) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '尚未登记所在社区' }]);
  const [units, mine] = await Promise.all([deps.units.ofCommunity(target), deps.units.groupsOf(actor.userId)]);
  return units.map((u) => toDto(u, actor, mine.includes(u.id)));
}

/** A member reports in (报到) with the unit's code; a second time changes nothing. */
export async function reportIn(deps: PointsDeps, actor: Actor, id: string, code: string, now: Date): Promise<UnitDto> {
  const u = await deps.units.get(id);
  if (!u) throw new NotFoundError('共建单位');
  if (code !== u.joinCode) throw new ValidationError('报到码不对', [{ field: 'code', message: '请向单位或社区确认报到码' }]);
  const joined = await deps.units.join(u.id, actor.userId, now.toISOString());
  return toDto({ ...u, members: u.members + (joined ? 1 : 0) }, actor, true);
}

/** Service per unit in a quarter: members, how many served, their points and hours in this community. */
export async function unitReport(deps: PointsDeps, actor: Actor, communityId: string, quarter: string | undefined, now: Date): Promise<z.output<typeof UnitReportResponse>> {
  const c = await communityOf(deps, communityId);
  requireCommunityStaff(actor, { communityId: c.id, streetId: c.streetId }, '查看共建单位服务情况');
  const q = quarter ?? quarterOf(now);
  const units = await deps.units.ofCommunity(c.id);
  const boards = await Promise.all(units.map((u) => deps.ledger.board('UNIT', u.id, q)));
  const items = units.map((u, i) => {
    const rows = boards[i]!;
    return {
      unitId: u.id, name: u.name, members: u.members, serving: rows.filter((r) => r.points > 0 || r.minutes > 0).length,
      points: rows.reduce((s, r) => s + r.points, 0), minutes: rows.reduce((s, r) => s + r.minutes, 0),
    };
  });
  return { communityId: c.id, quarter: q, items: items.sort((a, b) => b.minutes - a.minutes || b.points - a.points) };
}
