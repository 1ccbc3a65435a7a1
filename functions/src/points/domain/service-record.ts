/**
 * A community's service record over a period (rows and CSV), for the registered volunteer
 * organisation to check and record. It is not a 志愿服务记录证明: only that organisation issues one.
 */
import type { ServiceRecordResponse } from '@linli/shared';
import type { z } from 'zod';
import type { Actor } from '../../platform/domain/actor';
import { NotFoundError, ValidationError } from '../../platform/domain/errors';
import { requireCommunityStaff } from './access';
import type { PointsDeps } from './deps';

/** At most this many rows in one export (a quarter of a busy community); narrow the dates for more. */
const MAX_ROWS = 5000;

const cell = (v: string | number): string => {
  const s = String(v);
  // Quote what CSV needs quoted, and defuse spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export async function serviceRecord(deps: PointsDeps, actor: Actor, communityId: string, q: { from: string; to: string }): Promise<z.output<typeof ServiceRecordResponse>> {
  const community = await deps.places.getCommunity(communityId);
  if (!community) throw new NotFoundError('社区');
  requireCommunityStaff(actor, { communityId, streetId: community.streetId }, '导出服务记录');
  if (q.to < q.from) throw new ValidationError('结束日期早于开始日期', [{ field: 'to', message: '请选择开始日期之后的日期' }]);
  const fromIso = new Date(`${q.from}T00:00:00+08:00`).toISOString();
  const toIso = new Date(`${q.to}T23:59:59.999+08:00`).toISOString();
  const entries = (await deps.ledger.serviceOf(communityId, fromIso, toIso, MAX_ROWS + 1)).filter((e) => e.minutes !== 0 || e.points !== 0);
  if (entries.length > MAX_ROWS) throw new ValidationError('记录太多', [{ field: 'from', message: `一次最多导出 ${MAX_ROWS} 条，请缩短日期范围` }]);
  const ids = [...new Set(entries.map((e) => e.userId))];
  const found = await deps.users.getMany(ids);
  const people = new Map(ids.map((id) => {
    const u = found.get(id);
    return [id, u && !u.deletedAt ? u.name : '已注销用户'];
  }));
  const rows = entries.map((e) => ({ at: e.at, name: people.get(e.userId)!, reason: e.reason, minutes: e.minutes, points: e.points, verified: e.verified }));
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const csv = [
    ['时间', '姓名', '服务内容', '服务时长（分钟）', '积分', '核实方式'].join(','),
    ...rows.map((r) => [local(r.at), r.name, r.reason, r.minutes, r.points, r.verified ? '活动/任务核实' : '工作人员补记'].map(cell).join(',')),
  ].join('\r\n');
  return {
    communityId, from: q.from, to: q.to, rows, totalMinutes: rows.reduce((s, r) => s + r.minutes, 0),
    csv: `\ufeff${csv}\r\n`, filename: `${community.name}志愿服务记录_${q.from}_${q.to}.csv`,
  };
}
