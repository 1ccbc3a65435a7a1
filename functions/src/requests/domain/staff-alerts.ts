/**
 * Staff are told of new and overdue items in their WeCom group (企业微信群机器人) without anyone's
 * per-message consent: the grid's robot where one is set, else the community's. A message is left in
 * the outbox with the change that calls for it (filed, escalated, overdue), so it goes once per event:
 * delivery claims the entry before posting (at most once) and re-queues only what surely did not arrive.
 *
 * A robot takes 20 messages a minute, and a wave (thousands of items of one community escalated in
 * the same minute) would flood the group: the alerts are a batched topic, and every alert of one
 * delivery that goes to the same robot is posted as ONE message, the single item's as before, a
 * digest (counts, the first few items, where to see the rest) for several.
 */
import { LEVEL_LABELS } from '@linli/shared';
import type { Batched, Delivery, OutboxEntry, OutboxMessage } from '../../platform/domain/outbox';
import type { GroupRobot } from '../../platform/ports/group-robot';
import type { CommunityListRepository, StoredStaffAlerts } from '../ports';
import { requestPage } from './notices';
import type { RequestEvent, ServiceRequest, Transition } from './request';

export const STAFF_ALERT_TOPIC = 'requests.staff_alert';

export type AlertKind = 'new' | 'escalated' | 'overdue';
const HEADINGS: Record<AlertKind, string> = { new: '新事项', escalated: '事项已上报', overdue: '事项已超时' };

interface AlertPayload {
  communityId: string;
  gridId: string | null;
  markdown: string;
  /** The item in a digest: its kind and one line (absent on alerts stored before digests). */
  kind?: AlertKind;
  line?: string;
}

/** One item of a digest: what happened and its line (number, category, level, by when). */
export interface DigestItem {
  kind: AlertKind;
  line: string;
}

/** WeCom's limit on a markdown message, in bytes of UTF-8. */
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;
/** Items listed in a digest; the rest are counted. */
export const DIGEST_ITEMS = 8;
/** The staff's queue in the mini-program (接诉即办, 待办队列). */
export const QUEUE_PAGE = 'pages/requests/index';
const KIND_ORDER: AlertKind[] = ['escalated', 'overdue', 'new'];
const SHORT: Record<AlertKind, string> = { new: '新', escalated: '上报', overdue: '超时' };

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

/** The item's line in a digest: number, category, level and by when. */
export function digestLine(r: ServiceRequest): string {
  const due = r.status === 'submitted' ? r.acceptBy : r.resolveBy;
  const stage = r.status === 'submitted' ? '受理' : '办结';
  return `${r.number ?? r.id} ${clip(r.categoryName, 16)}${r.urgent ? '（紧急）' : ''} · ${LEVEL_LABELS[r.level]}${due ? ` · ${chinaTime(due)} 前${stage}` : ''}`;
}

const utf8 = new TextEncoder();
const bytes = (s: string): number => utf8.encode(s).length;

/** `s` cut to at most `max` bytes of UTF-8, on a character boundary. */
export function clipBytes(s: string, max = ROBOT_MARKDOWN_MAX_BYTES): string {
  if (bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = bytes(ch);
    if (used + n > max - 3) break; // room for the ellipsis (3 bytes)
    out += ch;
    used += n;
  }
  return `${out}…`;
}

/**
 * Several alerts to one robot as one message: a count per kind (`**N 件事项已上报**`), the first
 * DIGEST_ITEMS items, how many more and where to see them; never over WeCom's 4096 bytes.
 */
export function renderDigest(items: readonly DigestItem[]): string {
  const counts = KIND_ORDER.map((k) => [k, items.filter((i) => i.kind === k).length] as const).filter(([, n]) => n > 0);
  const mixed = counts.length > 1;
  const heading = counts.map(([k, n]) => `**${n} 件${HEADINGS[k]}**`);
  const lines = items.map((i) => `> ${mixed ? `【${SHORT[i.kind]}】` : ''}${clip(i.line.replace(/\s+/g, ' '), 80)}`);
  const render = (shown: number): string =>
    [
      ...heading,
      ...lines.slice(0, shown),
      ...(items.length > shown ? [`其余 ${items.length - shown} 件请在小程序「接诉即办」的待办队列查看`] : []),
      `小程序页面：${QUEUE_PAGE}`,
    ].join('\n');
  let shown = Math.min(DIGEST_ITEMS, items.length);
  while (shown > 0 && bytes(render(shown)) > ROBOT_MARKDOWN_MAX_BYTES) shown--;
  return clipBytes(render(shown));
}

export function alertMessage(r: ServiceRequest, kind: AlertKind, note: string | null = null): OutboxMessage {
  const payload: AlertPayload = { communityId: r.communityId, gridId: r.gridId, markdown: renderAlert(r, kind, note), kind, line: digestLine(r) };
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

/** An alert's digest item; one stored before digests is read from its markdown's heading and its subject. */
function digestItem(entry: OutboxEntry): DigestItem {
  const p = entry.payload as unknown as AlertPayload;
  const kind = p.kind ?? KIND_ORDER.find((k) => p.markdown.startsWith(`**${HEADINGS[k]}**`)) ?? 'new';
  return { kind, line: p.line ?? entry.subject.replace(/^request#/, '') };
}

const webhookOf = (settings: StoredStaffAlerts | null, gridId: string | null): string | null =>
  settings?.grids.find((g) => g.gridId === gridId)?.webhook ?? settings?.communityWebhook ?? null;

/**
 * Delivers the alerts of one delivery: the grid's robot where set, else the community's (the
 * communities' settings read together, one BatchGet per 100); ONE post per robot, the single item's message or a digest of
 * several. A post that surely did not arrive ('retry') re-queues every alert in it; nothing set:
 * nothing to do.
 */
export const staffAlertHandler = (deps: { communityLists: CommunityListRepository; robot: GroupRobot }): Batched => ({
  async batch(entries) {
    const payloads = entries.map((e) => e.payload as unknown as AlertPayload);
    const communities = [...new Set(payloads.map((p) => p.communityId))];
    const settings = await deps.communityLists.staffAlertsOf(communities);
    const groups = new Map<string, number[]>();
    payloads.forEach((p, i) => {
      const webhook = webhookOf(settings.get(p.communityId) ?? null, p.gridId);
      if (!webhook) return;
      const group = groups.get(webhook);
      if (group) group.push(i);
      else groups.set(webhook, [i]);
    });
    const outcomes: Delivery[] = entries.map(() => 'done');
    await Promise.all(
      [...groups].map(async ([webhook, indexes]) => {
        const markdown = indexes.length === 1 ? clipBytes(payloads[indexes[0]!]!.markdown) : renderDigest(indexes.map((i) => digestItem(entries[i]!)));
        const outcome = await deps.robot.post(webhook, markdown).catch(() => 'retry' as const);
        for (const i of indexes) outcomes[i] = outcome === 'sent' ? 'done' : outcome === 'retry' ? 'retry' : 'drop';
      }),
    );
    return outcomes;
  },
});
