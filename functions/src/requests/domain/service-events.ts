/**
 * What the requests job tells the points job (through the outbox, never an import): a resident's
 * report of a safety hazard that staff resolved proved real, and earns him points once.
 */
import { SERVICE_VERIFIED, type ServiceVerified } from '../../platform/domain/events';
import type { OutboxMessage } from '../../platform/domain/outbox';
import type { ServiceRequest, Transition } from './request';

/** The points message of a change, if it is the first resolution of a resident's urgent (safety) report. */
export function serviceEventsOf(before: ServiceRequest, t: Transition): OutboxMessage[] {
  const r = t.next;
  const firstResolved = !before.firstResolvedAt && !!r.firstResolvedAt;
  if (!firstResolved || !r.urgent || r.source !== 'resident') return [];
  const payload: ServiceVerified = {
    userId: r.reporterId,
    kind: 'hazard_report',
    sourceId: `request:${r.id}`,
    communityId: r.communityId,
    reason: `反映「${r.categoryName}」经核实已处理`,
    verifiedBy: t.events.at(-1)?.actorId ?? null,
  };
  return [{ topic: SERVICE_VERIFIED, subject: `request#${r.id}`, payload: payload as unknown as Record<string, unknown> }];
}
