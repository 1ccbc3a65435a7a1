/**
 * Recognition (Meishan chooses model residents from it): a community's quarterly leaderboard of
 * points earned for service, kept as aggregates updated with each credit (never a scan of the
 * ledger); a volunteer may hide his name.
 */
import type { LeaderboardResponse } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import { NotFoundError, ValidationError } from '../../platform/domain/errors';
import type { PointsDeps } from './deps';
import { quarterOf } from './ledger';

const TOP = 50;

export async function leaderboard(deps: PointsDeps, actor: Actor, q: { communityId?: string; teamId?: string; unitId?: string; quarter?: string }, now: Date): Promise<LeaderboardResponse> {
  const [team, unit] = await Promise.all([q.teamId ? deps.teams.get(q.teamId) : null, q.unitId ? deps.units.get(q.unitId) : null]);
  if (q.teamId && !team) throw new NotFoundError('志愿服务队');
  if (q.unitId && !unit) throw new NotFoundError('共建单位');
  const communityId = team?.communityId ?? unit?.communityId ?? q.communityId ?? actor.communityId;
  if (!communityId) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '尚未登记所在社区' }]);
  const quarter = q.quarter ?? quarterOf(now);
  const [scope, id] = team ? (['TEAM', team.id] as const) : unit ? (['UNIT', unit.id] as const) : (['COMMUNITY', communityId] as const);
  const rows = (await deps.ledger.board(scope, id, quarter)).filter((r) => r.points > 0 || r.minutes > 0);
  rows.sort((a, b) => b.points - a.points || b.minutes - a.minutes || a.userId.localeCompare(b.userId));
  const ranked = rows.map((r, i) => ({ ...r, rank: i + 1 }));
  const shown = ranked.slice(0, TOP);
  const mineRow = ranked.find((r) => r.userId === actor.userId) ?? null;
  const ids = [...new Set([...shown.map((r) => r.userId), ...(mineRow ? [mineRow.userId] : [])])];
  // Two batch reads whatever the board's length: the people shown, and who of them (and the reader) hides his name.
  const [names, hiding] = await Promise.all([deps.users.getMany(ids), deps.ledger.hidingAmong([...ids, actor.userId])]);
  const hidden = hiding.has(actor.userId);
  const row = (r: (typeof ranked)[number]) => {
    const u = names.get(r.userId);
    const name = !u || u.deletedAt ? '已注销用户' : hiding.has(r.userId) ? '志愿者' : u.name;
    return { rank: r.rank, name, points: r.points, minutes: r.minutes, me: r.userId === actor.userId };
  };
  return { communityId, teamId: team?.id ?? null, unitId: unit?.id ?? null, quarter, items: shown.map(row), mine: mineRow ? row(mineRow) : null, hidden };
}

export async function setBoardPreference(deps: PointsDeps, actor: Actor, hideName: boolean): Promise<{ hidden: boolean }> {
  await deps.ledger.setHideName(actor.userId, hideName);
  return { hidden: hideName };
}
