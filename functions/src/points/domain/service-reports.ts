/**
 * Service people report for staff to approve (任务审核): a rider's civility persuasion (文明劝导), a
 * station duty, a neighbour's good deed (道德超市). Approval credits the doer once, in the same
 * transaction as the decision; a rejection says why.
 */
import type { ServiceReportBody, ServiceReportDto } from '@linli/shared';
import type { z } from 'zod';
import type { Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { verifyPhotos } from '../../platform/domain/photos';
import type { UserRecord } from '../../identity/ports';
import type { ServiceReportRecord, ServiceReportRepository } from '../ports';
import { runsCommunity } from './access';
import { plannedCredit, retryOnCapChange } from './accounts';
import type { PointsDeps } from './deps';
import { SERVICE_POINTS } from './service';

export type ReportDeps = PointsDeps & { serviceReports: ServiceReportRepository };

/** `people`: the people of a list, read together by the caller; without it, this report's are read. */
async function toDto(deps: ReportDeps, r: ServiceReportRecord, people?: ReadonlyMap<string, UserRecord>): Promise<ServiceReportDto> {
  const [reporter, credited, photos] = await Promise.all([
    people ? (people.get(r.reporterId) ?? null) : deps.users.get(r.reporterId),
    !r.creditedUserId ? null : people ? (people.get(r.creditedUserId) ?? null) : deps.users.get(r.creditedUserId),
    Promise.all(r.photos.map((k) => deps.storage.viewUrl(k))),
  ]);
  const reporterName = reporter && !reporter.deletedAt ? reporter.name : '已注销用户';
  return {
    id: r.id, communityId: r.communityId, kind: r.kind, description: r.description, photos, occurredOn: r.occurredOn,
    doerName: credited?.name ?? r.doerName ?? reporterName, reporterName, status: r.status, decisionNote: r.decisionNote, points: r.points, createdAt: r.createdAt,
  };
}

export async function reportService(deps: ReportDeps, actor: Actor, body: z.output<typeof ServiceReportBody>, key: string, now: Date): Promise<{ report: ServiceReportDto; created: boolean }> {
  if (!actor.communityId || !actor.streetId) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '尚未登记所在社区' }]);
  if (body.kind === 'good_deed' && !body.doerName) throw new ValidationError('请写明做好事的人', [{ field: 'doerName', message: '请写明做好事的人' }]);
  const claim = claimFor('points.service_report', actor.userId, key, body, now, deps.hash);
  const photos = await verifyPhotos(deps.storage, actor, body.photos);
  const r: ServiceReportRecord = {
    id: deps.newId(), communityId: actor.communityId, streetId: actor.streetId, kind: body.kind, description: body.description, photos, occurredOn: body.occurredOn,
    reporterId: actor.userId, doerName: body.kind === 'good_deed' ? (body.doerName ?? null) : null, status: 'pending', decidedBy: null, decisionNote: null,
    creditedUserId: null, points: null, createdAt: now.toISOString(), version: 1,
  };
  const once = await deps.serviceReports.create(r, claim);
  const stored = once.created ? r : await deps.serviceReports.get(replayOf(claim, once.receipt).id);
  if (!stored) throw new NotFoundError('记录');
  return { report: await toDto(deps, stored), created: once.created };
}

export async function listServiceReports(deps: ReportDeps, actor: Actor, scope: 'mine' | 'review'): Promise<ServiceReportDto[]> {
  if (scope === 'review') {
    if (!actor.communityId || !actor.streetId || !runsCommunity(actor, { communityId: actor.communityId, streetId: actor.streetId })) throw new ForbiddenError('只有社区工作人员可以审核');
    return listed(deps, await deps.serviceReports.pendingIn(actor.communityId, 100));
  }
  return listed(deps, await deps.serviceReports.ofReporter(actor.userId, 50));
}

/** A list's reporters and credited people in one BatchGet (per 100), not a GetItem or two per report. */
async function listed(deps: ReportDeps, list: ServiceReportRecord[]): Promise<ServiceReportDto[]> {
  const people = await deps.users.getMany([...new Set(list.flatMap((r) => [r.reporterId, ...(r.creditedUserId ? [r.creditedUserId] : [])]))]);
  return Promise.all(list.map((r) => toDto(deps, r, people)));
}

/** Staff approve (crediting the doer once) or reject a report of their community. */
export async function decideServiceReport(
  deps: ReportDeps,
  actor: Actor,
  id: string,
  body: { approve: boolean; note: string | null; userId?: string },
  now: Date,
): Promise<ServiceReportDto> {
  const r = await deps.serviceReports.get(id);
  if (!r) throw new NotFoundError('记录');
  if (!runsCommunity(actor, r)) throw new ForbiddenError('只有本社区的工作人员可以审核');
  if (r.status !== 'pending') throw new ConflictError('该记录已审核', 'already_decided');
  if (!body.approve) {
    const next = { ...r, status: 'rejected' as const, decidedBy: actor.userId, decisionNote: body.note, version: r.version + 1 };
    await deps.serviceReports.decide(next, null);
    return toDto(deps, next);
  }
  const doerId = r.kind === 'good_deed' ? body.userId : r.reporterId;
  if (!doerId) throw new ValidationError('请选择做好事的居民', [{ field: 'userId', message: '请选择要记积分的居民' }]);
  const doer = await deps.users.get(doerId);
  if (!doer || doer.deletedAt || doer.communityId !== r.communityId) throw new ValidationError('请选择本社区的居民', [{ field: 'userId', message: '此人不是本社区登记的居民' }]);
  const points = SERVICE_POINTS[r.kind];
  let decided: ServiceReportRecord = r;
  await retryOnCapChange(async () => {
    const credit = await plannedCredit(
      deps,
      { userId: doerId, points, minutes: 0, reason: `${r.kind === 'good_deed' ? '好人好事' : r.kind === 'civility' ? '文明劝导' : '驿站值守'}：${r.description.slice(0, 30)}`, source: { type: 'task', id: `report:${r.id}` }, actorId: actor.userId, verified: true, communityId: r.communityId },
      now,
    );
    decided = { ...r, status: 'approved', decidedBy: actor.userId, decisionNote: body.note, creditedUserId: doerId, points: credit.entry.points, version: r.version + 1 };
    await deps.serviceReports.decide(decided, credit);
  });
  return toDto(deps, decided);
}
