import type { CloseReportBody, CreateReportBody, ReportDto } from '@linli/shared';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { StationRepository } from '../ports';
import { administers, keeps, requireStation } from './manage-stations';
import { type StationReport, toReportDto } from './report';

export interface ReportDeps {
  stations: StationRepository;
  newId: () => string;
  /** A stable digest of a string (idempotency: same key, same body). */
  hash: (text: string) => string;
}

/**
 * A rider reports a problem at a station.
 * Primary course: the report is stored open and shows on the station as an open issue until closed.
 */
export async function reportProblem(
  deps: ReportDeps,
  actor: Actor,
  stationId: string,
  body: CreateReportBody,
  idempotencyKey: string,
  now: Date,
): Promise<{ report: ReportDto; created: boolean }> {
  const claim = claimFor('stations.report', actor.userId, idempotencyKey, { stationId, ...body }, now, deps.hash);
  const station = await requireStation(deps.stations, stationId);
  if (body.amenity && !station.amenities.includes(body.amenity)) {
    throw new ValidationError('驿站没有这项设施', [{ field: 'amenity', message: '驿站没有这项设施' }]);
  }
  const report: StationReport = {
    id: deps.newId(),
    stationId,
    stationName: station.name,
    communityId: station.communityId,
    type: body.type,
    amenity: body.amenity ?? null,
    text: body.text,
    status: 'open',
    reportedBy: actor.userId,
    createdAt: now.toISOString(),
    closedAt: null,
    closedBy: null,
    resolution: null,
  };
  const outcome = await deps.stations.addReport(report, claim);
  if (outcome.created) return { report: toReportDto(report), created: true };
  const earlier = await deps.stations.getReport(stationId, replayOf(claim, outcome.receipt).reportId);
  if (!earlier) throw new NotFoundError('反馈');
  return { report: toReportDto(earlier), created: false };
}

/** The reports of one station: its keeper and its community's admins see them. */
export async function listStationReports(
  deps: ReportDeps,
  actor: Actor,
  stationId: string,
  status: 'open' | 'closed',
): Promise<ReportDto[]> {
  const station = await requireStation(deps.stations, stationId);
  if (!administers(actor, station) && !keeps(actor, station)) {
    throw new ForbiddenError('只有本驿站站长或社区管理员可以查看问题反馈');
  }
  const reports =
    status === 'open'
      ? await deps.stations.listOpenReportsOfStation(stationId)
      : await deps.stations.listRecentClosedReportsOfStation(stationId, 50);
  return reports.map(toReportDto);
}

/** Open reports of every station in a community, oldest first (the community admin's work list). */
export async function listCommunityReports(
  deps: ReportDeps & { communityStreet: (communityId: string) => Promise<string | null> },
  actor: Actor,
  communityId: string | undefined,
): Promise<ReportDto[]> {
  const target = communityId ?? actor.communityId;
  if (!target) throw new ValidationError('请指定社区', [{ field: 'communityId', message: '必填' }]);
  const streetId = await deps.communityStreet(target);
  if (!streetId) throw new NotFoundError('社区');
  const allowed =
    (hasRole(actor, 'community_admin') && actor.communityId === target) ||
    (hasRole(actor, 'street_admin') && actor.streetId === streetId);
  if (!allowed) throw new ForbiddenError('只能查看自己管理的社区');
  return (await deps.stations.listOpenReportsOfCommunity(target)).map(toReportDto);
}

/** The keeper or an admin closes a report with what was done. */
export async function closeReport(
  deps: ReportDeps,
  actor: Actor,
  stationId: string,
  reportId: string,
  body: CloseReportBody,
  now: Date,
): Promise<ReportDto> {
  const station = await requireStation(deps.stations, stationId);
  if (!administers(actor, station) && !keeps(actor, station)) {
    throw new ForbiddenError('只有本驿站站长或社区管理员可以处理问题反馈');
  }
  const report = await deps.stations.getReport(stationId, reportId);
  if (!report) throw new NotFoundError('问题反馈');
  if (report.status === 'closed') throw new ConflictError('该问题已处理', 'already_closed');
  const closed: StationReport = {
    ...report,
    status: 'closed',
    closedAt: now.toISOString(),
    closedBy: actor.userId,
    resolution: body.resolution,
  };
  await deps.stations.closeReport(closed);
  return toReportDto(closed);
}
