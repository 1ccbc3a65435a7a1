/**
 * Staff are told of new and overdue items in their WeCom group (企业微信群机器人) without anyone's
 * per-message consent: the grid's robot where one is set, else the community's. A message is left in
 * the outbox with the change that calls for it (filed, escalated, overdue), so it goes once per event:
 * delivery claims the entry before posting (at most once) and re-queues only what surely did not arrive.
 */
import { LEVEL_LABELS } from '@linli/shared';
import type { OutboxMessage, TopicHandler } from '../../platform/domain/outbox';
import type { GroupRobot } from '../../platform/ports/group-robot';
import type { CommunityListRepository } from '../ports';
import { requestPage } from './notices';
import type { RequestEvent, ServiceRequest, Transition } from './request';

export const STAFF_ALERT_TOPIC = 'requests.staff_alert';

export type AlertKind = 'new' | 'escalated' | 'overdue';
const HEADINGS: Record<AlertKind, string> = { new: '新事项', escalated: '事项已上报', overdue: '事项已超时' };

interface AlertPayload {
  communityId: string;
  gridId: string | null;
  markdown: string;
}

/** China time as `M月D日 HH:mm`. */
function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The message in WeCom markdown: number, category, address, where it is and by when, and the page to open. */
export function renderAlert(r: ServiceRequest, kind: AlertKind, note: string | null): string {
  const due = r.status === 'submitted' ? r.acceptBy : r.resolveBy;
  const stage = r.status === 'submitted' ? '受理' : '办结';
  return [
    `**${HEADINGS[kind]}** <font color="${kind === 'new' ? 'info' : 'warning'}">${r.number ?? r.id}</font>`,
    `> 类别：${r.categoryName}（${r.group}）${r.urgent ? ' <font color="warning">紧急</font>' : ''}`,
    `> 地址：${r.address ?? (r.compound ? r.compound : '见地图位置')}`,
    `> 内容：${clip(r.description, 60)}`,
    `> 办理：${LEVEL_LABELS[r.level]}${due ? `，${chinaTime(due)} 前${stage}` : ''}`,
    ...(r.forNeighbour ? ['> 代邻居反映：请电话联系'] : []),
    ...(note ? [`> 说明：${clip(note, 60)}`] : []),
    `小程序页面：${requestPage(r.id)}`,
  ].join('\n');
}

export function alertMessage(r: ServiceRequest, kind: AlertKind, note: string | null = null): OutboxMessage {
  const payload: AlertPayload = { communityId: r.communityId, gridId: r.gridId, markdown: renderAlert(r, kind, note) };
  return { topic: STAFF_ALERT_TOPIC, subject: `request#${r.id}`, payload: { ...payload } };
}

const KINDS: Partial<Record<RequestEvent['type'], AlertKind>> = { escalated: 'escalated', overdue: 'overdue' };

/** The alerts a change calls for: escalated (by staff or the deadline) and flagged overdue. */
export function alertsOf(t: Pick<Transition, 'next' | 'events'>): OutboxMessage[] {
  return t.events.flatMap((e) => {
    const kind = KINDS[e.type];
    return kind ? [alertMessage(t.next, kind, e.note)] : [];
  });
}

/** Delivers an alert to the grid's robot, else the community's; nothing set: nothing to do. */
export const staffAlertHandler = (deps: { communityLists: CommunityListRepository; robot: GroupRobot }): TopicHandler =>
  async (entry) => {
    const p = entry.payload as unknown as AlertPayload;
    const settings = await deps.communityLists.staffAlerts(p.communityId);
    const webhook = settings?.grids.find((g) => g.gridId === p.gridId)?.webhook ?? settings?.communityWebhook ?? null;
    if (!webhook) return 'done';
    const outcome = await deps.robot.post(webhook, p.markdown);
    return outcome === 'sent' ? 'done' : outcome === 'retry' ? 'retry' : 'drop';
  };
