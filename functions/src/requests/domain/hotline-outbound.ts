/**
 * The 12345 round trip, outbound: a hotline item's outcome goes back to the platform — the closing
 * reply (办结回复) when staff resolve it, a refusal (退单) when staff return it to the hotline, a
 * request for more time (延期申请). Each is an outbox message written with the change (topic
 * `requests.hotline_outbound`), delivered under a lease with the entry id as a stable message id,
 * and reported on the item's timeline: queued with the change, then sent or failed.
 */
import { HOTLINE_OUTBOUND_LABELS, LEVEL_LABELS, type HotlineOutboundKind, type HotlineOutboundMessage } from '@linli/shared';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/domain/errors';
import { MAX_ATTEMPTS, type OutboxEntry, type OutboxMessage, type TopicHandler } from '../../platform/domain/outbox';
import type { HotlinePlatform, RequestRepository } from '../ports';
import { actsForUnit, bump, type Ctx, event, requireStatus, type RequestEvent, type ServiceRequest, type Transition } from './request';

export const HOTLINE_OUTBOUND = 'requests.hotline_outbound';

/** What the outbox entry carries (the message id is the entry's own id, stable across retries). */
export type HotlineOutboundPayload = Omit<HotlineOutboundMessage, 'messageId'> & { requestId: string };

function requireHotline(r: ServiceRequest, ctx: Ctx): NonNullable<ServiceRequest['hotline']> {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  if (!r.hotline) throw new ConflictError('只有12345热线工单可以执行此操作', 'not_hotline');
  return r.hotline;
}

/** 退回热线: the item is not for us; it goes back to the 12345 platform with the reason and ends here. */
export function returnToHotline(r: ServiceRequest, ctx: Ctx, reason: string): Transition {
  requireHotline(r, ctx);
  requireStatus(r, 'submitted', 'accepted');
  const next = bump(r, { status: 'returned', acceptBy: null, resolveBy: null, result: reason }, ctx.now);
  return { next, events: [event(next, 'returned', ctx.actor, ctx.actorName, ctx.now.toISOString(), `${LEVEL_LABELS[r.level]}退回12345热线：${reason}`)] };
}

const chinaTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 延期申请: asks the platform to move its deadline (one request at a time; the answer comes back from it). */
export function requestExtension(r: ServiceRequest, ctx: Ctx, reason: string, dueAtIso: string): Transition {
  const hotline = requireHotline(r, ctx);
  requireStatus(r, 'submitted', 'accepted');
  if (hotline.extension?.status === 'pending') throw new ConflictError('已有延期申请等待热线平台答复', 'extension_pending');
  const requested = new Date(dueAtIso);
  const floor = Math.max(ctx.now.getTime(), hotline.dueAt ? Date.parse(hotline.dueAt) : 0);
  if (requested.getTime() <= floor) {
    throw new ValidationError('申请的时限应晚于现有热线时限', [{ field: 'dueAt', message: '请选择晚于现有热线时限的时间' }]);
  }
  const at = ctx.now.toISOString();
  const extension = { requestedDueAt: requested.toISOString(), reason, at, status: 'pending' as const, answeredAt: null, comment: null };
  const next = bump(r, { hotline: { ...hotline, extension } }, ctx.now);
  return { next, events: [event(next, 'extension_requested', ctx.actor, ctx.actorName, at, `申请延期至 ${chinaTime(extension.requestedDueAt)}：${reason}`)] };
}

/** The message a change of a hotline item sends to the platform, if any. */
function outboundOf(t: Transition): { kind: HotlineOutboundKind; text: string; requestedDueAt: string | null } | null {
  const r = t.next;
  if (!r.hotline) return null;
  for (const e of t.events) {
    if (e.type === 'resolved') return { kind: 'reply', text: r.result ?? e.note ?? '', requestedDueAt: null };
    if (e.type === 'returned') return { kind: 'refusal', text: r.result ?? '', requestedDueAt: null };
    if (e.type === 'extension_requested' && r.hotline.extension) {
      return { kind: 'extension', text: r.hotline.extension.reason, requestedDueAt: r.hotline.extension.requestedDueAt };
    }
  }
  return null;
}

/**
 * Adds what a change owes the platform: the outbox message and a "待发送" step on the timeline,
 * written together with the change.
 */
export function withHotlineOutbound(t: Transition): { t: Transition; outbox: OutboxMessage[] } {
  const out = outboundOf(t);
  if (!out || !t.next.hotline) return { t, outbox: [] };
  const r = t.next;
  const at = r.updatedAt;
  const payload: HotlineOutboundPayload = {
    requestId: r.id,
    kind: out.kind,
    source: r.hotline!.source,
    externalId: r.hotline!.externalId,
    text: out.text,
    requestedDueAt: out.requestedDueAt,
    unit: `${LEVEL_LABELS[r.level]}`,
    at,
  };
  const queued = event(r, 'hotline_queued', null, null, at, `${HOTLINE_OUTBOUND_LABELS[out.kind]}待发送至12345热线平台`);
  return {
    t: { ...t, events: [...t.events, queued] },
    outbox: [{ topic: HOTLINE_OUTBOUND, subject: `request#${r.id}`, payload: payload as unknown as Record<string, unknown> }],
  };
}

/** A delivery report on the timeline (the item itself does not change). */
async function report(requests: RequestRepository, entry: OutboxEntry, type: 'hotline_sent' | 'hotline_failed', note: string, now: Date): Promise<void> {
  const p = entry.payload as unknown as HotlineOutboundPayload;
  const r = await requests.get(p.requestId);
  if (!r) return;
  const e: RequestEvent = event(r, type, null, null, now.toISOString(), note);
  await requests.appendEvents(r, [e], `${type}-${entry.id}`);
}

/**
 * Sends one outbound message. Passing failures are retried with backoff by the outbox; after the
 * last attempt, or when the platform refuses the message outright, the timeline says it failed.
 */
export const hotlineOutboundHandler =
  (deps: { requests: RequestRepository; hotline: HotlinePlatform }): TopicHandler =>
  async (entry, now) => {
    const p = entry.payload as unknown as HotlineOutboundPayload;
    const label = HOTLINE_OUTBOUND_LABELS[p.kind];
    const { requestId, ...message } = p;
    void requestId;
    const result = await deps.hotline.send({ ...message, messageId: entry.id });
    if (result.ok) {
      await report(deps.requests, entry, 'hotline_sent', `${label}已发送至12345热线平台（消息编号 ${entry.id}）`, now);
      return 'done';
    }
    const last = entry.attempts + 1 >= MAX_ATTEMPTS;
    if (result.retry && !last) return 'retry';
    const why = result.retry ? `重试 ${entry.attempts + 1} 次仍未成功` : '热线平台拒收';
    await report(deps.requests, entry, 'hotline_failed', `${label}发送失败（${why}：${result.reason}），请在热线平台上手工处理`, now);
    return 'drop';
  };
