/** How an item is shown: a list summary, and the full view with names and phone numbers masked for the viewer. */
import type { RequestDetail, RequestSummary } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { convertDatum } from '../../platform/domain/geo/datum';
import { maskPhone } from '../../platform/domain/privacy';
import type { ObjectStorage } from '../../platform/ports/object-storage';
import { dueAt, type RequestEvent, type ServiceRequest } from './request';

export function toSummary(r: ServiceRequest, now: Date): RequestSummary {
  const due = dueAt(r);
  return {
    id: r.id,
    source: r.source ?? 'resident',
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    group: r.group,
    description: r.description,
    status: r.status,
    level: r.level,
    gridId: r.gridId,
    compound: r.compound,
    communityId: r.communityId,
    address: r.address,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    dueAt: due,
    overdue: due !== null && Date.parse(due) < now.getTime(),
  };
}

/** Staff who handle items see who filed them; residents following an item ("me too") never do. */
const isHandler = (viewer: Actor): boolean => hasRole(viewer, 'grid_worker', 'community_admin', 'street_admin', 'department_staff', 'property_staff', 'team_member');

/** Whether the viewer sees the reporter's name: himself; staff when not anonymous; community and street staff always. */
const seesReporterName = (viewer: Actor, r: ServiceRequest): boolean =>
  viewer.userId === r.reporterId || (isHandler(viewer) && !r.anonymous) || hasRole(viewer, 'community_admin', 'street_admin');

/** The full view of an item for one viewer: names and phone numbers masked as the rules say. */
export function toDetail(r: ServiceRequest, events: RequestEvent[], viewer: Actor, now: Date, followers: readonly string[] = [r.reporterId]): RequestDetail {
  const showName = seesReporterName(viewer, r);
  // Only the assignee, who calls back, reads the whole number; the reporter sees it masked like
  // everyone else (an elder often shows the screen to others).
  const fullPhone = viewer.userId === r.assigneeId;
  // A resident sees no other resident's name on the timeline (the reporter's, other followers').
  const hideResident = (e: RequestEvent) => (e.actorId === r.reporterId ? !showName : e.actorRole === 'resident' && e.actorId !== viewer.userId && !isHandler(viewer));
  return {
    ...toSummary(r, now),
    number: r.number ?? null,
    location: convertDatum(r.location, 'wgs84', 'gcj02'),
    photos: r.photos,
    reporterName: showName ? r.reporterName : null,
    reporterPhone: fullPhone ? r.reporterPhone : isHandler(viewer) || viewer.userId === r.reporterId ? maskPhone(r.reporterPhone) : null,
    anonymous: r.anonymous,
    acceptBy: r.acceptBy,
    resolveBy: r.resolveBy,
    assigneeId: r.assigneeId,
    result: r.result,
    rating: r.rating,
    reopenCount: r.reopenCount,
    departments: r.departments,
    revisits: r.revisits.map((v) => ({ ...v, solved: v.solved ?? null, satisfied: v.satisfied ?? null })),
    hotline: r.hotline ?? null,
    // The neighbour's phone is masked for everyone; the handler calls him from reporterPhone.
    forNeighbour: r.forNeighbour
      ? { name: showName ? r.forNeighbour.name : null, phone: maskPhone(r.forNeighbour.phone), building: r.forNeighbour.building, room: r.forNeighbour.room, filedByName: r.forNeighbour.filedByName }
      : null,
    followers: r.followerCount,
    following: followers.includes(viewer.userId),
    mergedInto: r.mergedInto,
    version: r.version,
    timeline: events.map((e) => ({ ...e, actorName: hideResident(e) ? null : e.actorName })),
  };
}

/** Replaces photo keys with short-lived view URLs. */
export async function present(storage: ObjectStorage, d: RequestDetail): Promise<RequestDetail> {
  const urls = async (keys: string[]) => Promise.all(keys.map((k) => storage.viewUrl(k)));
  return {
    ...d,
    photos: await urls(d.photos),
    timeline: await Promise.all(d.timeline.map(async (e) => (e.photos.length ? { ...e, photos: await urls(e.photos) } : e))),
  };
}
