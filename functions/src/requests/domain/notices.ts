/**
 * Which subscribe messages a change of an item sends: one per kind the change calls for to each of
 * its followers (the reporter included) who holds a consent for that template, rendered here and
 * left in the outbox with the change.
 */
import { LEVEL_LABELS, type NoticeKind } from '@linli/shared';
import { clip, MAX_NOTICES_PER_CHANGE, noticeMessage } from '../../platform/domain/notices';
import type { OutboxMessage } from '../../platform/domain/outbox';
import { consentPair, type ConsentStore } from '../../platform/ports/consents';
import type { RequestTemplates } from './deps';
import type { ServiceRequest, Transition } from './request';

/** `phrase` values are at most 5 characters. */
const PHRASES: Record<NoticeKind, string> = { accepted: '已受理', escalated: '已上报', resolved: '已办结' };
const HINTS: Record<NoticeKind, string> = { accepted: '正在办理', escalated: '转上级办理', resolved: '请评价办理结果' };

/** The page a request's messages open. */
export const requestPage = (id: string): string => `packages/request-detail/index?id=${id}`;

/** China time as `YYYY-MM-DD HH:mm` (the template's time field). */
const chinaTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export function renderNotice(r: ServiceRequest, kind: NoticeKind, userId: string, templateId: string): OutboxMessage {
  return noticeMessage(`request#${r.id}`, {
    userId,
    templateId,
    page: requestPage(r.id),
    data: {
      thing1: clip(r.categoryName, 20),
      phrase2: PHRASES[kind],
      thing3: clip(`${LEVEL_LABELS[r.level]}${HINTS[kind]}：${r.description}`, 20),
      time4: chinaTime(r.updatedAt),
    },
  });
}

/** The messages a change leaves: per notice kind, each follower who may receive that template now. */
export async function noticesFor(
  t: Pick<Transition, 'next' | 'notices'>,
  followers: readonly string[],
  templates: RequestTemplates,
  consents: ConsentStore,
): Promise<OutboxMessage[]> {
  const kinds = [...new Set(t.notices ?? [])].filter((k) => templates[k]);
  if (kinds.length === 0) return [];
  const audience = [...new Set([t.next.reporterId, ...followers])];
  const pairs = kinds.flatMap((kind) => audience.map((userId) => ({ kind, userId, templateId: templates[kind] })));
  const may = await consents.available(pairs);
  return pairs
    .filter((p) => may.has(consentPair(p.userId, p.templateId)))
    .slice(0, MAX_NOTICES_PER_CHANGE)
    .map((p) => renderNotice(t.next, p.kind, p.userId, p.templateId));
}

/** The templates a resident agreed to at a tap (submit, "me too"), for the kinds he chose. */
export const templatesOf = (kinds: readonly NoticeKind[], templates: RequestTemplates): string[] =>
  kinds.map((k) => templates[k]).filter((id) => id !== '');
