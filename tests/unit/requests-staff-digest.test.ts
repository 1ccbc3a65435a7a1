/**
 * Staff alerts as one post per robot per delivery: the digest's text (counts, the first items, the
 * rest counted, WeCom's 4096 bytes whatever the input) and the batch handler (grouping by robot, one
 * settings read per community, one outcome for every alert of a post).
 */
import { CN_CALENDAR } from '../support/calendar';
import type { OutboxEntry } from '../../functions/src/platform/domain/outbox';
import { escalateIfOverdue, newRequest, type ServiceRequest } from '../../functions/src/requests/domain/request';
import type { GroupRobot } from '../../functions/src/platform/ports/group-robot';
import type { CommunityListRepository, StoredStaffAlerts } from '../../functions/src/requests/ports';
import {
  alertMessage,
  alertsOf,
  clipBytes,
  digestLine,
  renderDigest,
  ROBOT_MARKDOWN_MAX_BYTES,
  staffAlertHandler,
  type AlertKind,
  type DigestItem,
} from '../../functions/src/requests/domain/staff-alerts';
import { demoCategories } from '../../infra/local/demo-categories';

const T0 = new Date('2027-03-01T01:00:00.000Z'); // Monday 09:00 China time
const bytes = (s: string) => new TextEncoder().encode(s).length;
const item = (i: number, kind: AlertKind = 'escalated', line = `20270301-${String(i).padStart(4, '0')} 道路破损 · 社区 · 3月1日 17:00 前受理`): DigestItem => ({ kind, line });

function request(i: number, over: Partial<ServiceRequest> = {}): ServiceRequest {
  const r = newRequest({
    id: `r-${i}`,
    source: 'resident',
    category: demoCategories.find((c) => c.id === 'fix-road')!,
    description: `路面坑洼 ${i}`,
    photos: [],
    location: { lat: 29.6, lng: 103.48 },
    sourceDatum: 'gcj02',
    address: null,
    anonymous: false,
    reporter: { id: 'u-1', name: '居民', phone: null },
    streetId: 'st',
    communityId: 'cm-a',
    gridId: 'gd-1',
    now: new Date(T0.getTime() - 24 * 3600_000),
    calendar: CN_CALENDAR,
    actor: null,
  }).next;
  return { ...r, number: `20270228-${String(i).padStart(4, '0')}`, ...over };
}

describe('the digest of several staff alerts', () => {
  it('counts the items, lists the first eight and says where the rest are', () => {
    const text = renderDigest(Array.from({ length: 300 }, (_, i) => item(i)));
    const lines = text.split('\n');
    expect(lines[0]).toBe('**300 件事项已上报**');
    expect(lines.filter((l) => l.startsWith('> '))).toHaveLength(8);
    expect(lines[1]).toBe('> 20270301-0000 道路破损 · 社区 · 3月1日 17:00 前受理');
    expect(text).toContain('其余 292 件请在小程序「接诉即办」的待办队列查看');
    expect(lines.at(-1)).toBe('小程序页面：pages/requests/index');
  });

  it('lists every item when there are few, without a rest line', () => {
    const text = renderDigest([item(1, 'overdue'), item(2, 'overdue')]);
    expect(text.split('\n')[0]).toBe('**2 件事项已超时**');
    expect(text.split('\n').filter((l) => l.startsWith('> '))).toHaveLength(2);
    expect(text).not.toContain('其余');
  });

  it('gives a count line per kind when the kinds are mixed, and marks each item with its kind', () => {
    const items = [item(1, 'new'), item(2, 'escalated'), item(3, 'overdue'), item(4, 'escalated'), item(5, 'new'), item(6, 'new')];
    const lines = renderDigest(items).split('\n');
    expect(lines.slice(0, 3)).toEqual(['**2 件事项已上报**', '**1 件事项已超时**', '**3 件新事项**']);
    expect(lines[3]).toMatch(/^> 【新】20270301-0001 /);
    expect(lines[4]).toMatch(/^> 【上报】20270301-0002 /);
    expect(lines[5]).toMatch(/^> 【超时】20270301-0003 /);
  });

  it('stays under 4096 bytes of UTF-8 whatever the items: 500 long ones', () => {
    const long = (i: number) => item(i, (['new', 'escalated', 'overdue'] as const)[i % 3], `${i} ${'很长的类别名称和说明'.repeat(400)}\n第二行`);
    const text = renderDigest(Array.from({ length: 500 }, (_, i) => long(i)));
    expect(bytes(text)).toBeLessThanOrEqual(ROBOT_MARKDOWN_MAX_BYTES);
    expect(text.split('\n').slice(0, 3)).toEqual(['**167 件事项已上报**', '**166 件事项已超时**', '**167 件新事项**']);
    expect(text.split('\n').filter((l) => l.startsWith('> '))).toHaveLength(8);
    expect(text).toContain('其余 492 件');
    expect(text).not.toContain('第二行'); // one line per item
    expect(bytes(clipBytes('事'.repeat(5000)))).toBeLessThanOrEqual(ROBOT_MARKDOWN_MAX_BYTES);
    expect(clipBytes('短')).toBe('短');
  });

  it("writes an item's line from the request: number, category, level and by when", () => {
    expect(digestLine(request(7))).toBe('20270228-0007 道路破损 · 网格 · 3月1日 09:00 前受理');
    expect(digestLine(request(8, { urgent: true }))).toContain('道路破损（紧急） · 网格');
  });
});

describe('staff alerts delivered as a batch', () => {
  const settingsOf: Record<string, StoredStaffAlerts> = {
    'cm-a': { communityId: 'cm-a', communityWebhook: 'hook-a', grids: [{ gridId: 'gd-2', webhook: 'hook-a2' }], version: 1, updatedAt: null },
    'cm-b': { communityId: 'cm-b', communityWebhook: 'hook-b', grids: [], version: 1, updatedAt: null },
  };
  function setup(answer: (webhook: string) => 'sent' | 'retry' | 'failed' = () => 'sent') {
    const reads: string[] = [];
    const posts: { webhook: string; markdown: string }[] = [];
    const communityLists = {
      staffAlertsOf: async (ids: readonly string[]) => (reads.push(...ids), new Map(ids.filter((id) => settingsOf[id]).map((id) => [id, settingsOf[id]!]))),
    } as unknown as CommunityListRepository;
    const robot: GroupRobot = { post: async (webhook, markdown) => (posts.push({ webhook, markdown }), answer(webhook)) };
    return { reads, posts, handler: staffAlertHandler({ communityLists, robot }) };
  }
  const entryOf = (r: ServiceRequest, kind: AlertKind = 'escalated'): OutboxEntry => ({ ...alertMessage(r, kind), id: r.id, dueAt: T0.toISOString(), attempts: 0, ref: r.id });

  it('posts one message per robot: a digest for many, the single message for one; reads each community once', async () => {
    const { reads, posts, handler } = setup();
    const many = Array.from({ length: 30 }, (_, i) => entryOf(request(i)));
    const grid2 = entryOf(request(100, { gridId: 'gd-2' }), 'new');
    const other = entryOf(request(200, { communityId: 'cm-c' }));
    const b = entryOf(request(300, { communityId: 'cm-b' }), 'overdue');
    const out = await handler.batch([...many.slice(0, 10), grid2, other, ...many.slice(10), b], T0);
    expect(out).toEqual(Array.from({ length: 33 }, () => 'done'));
    expect(reads.sort()).toEqual(['cm-a', 'cm-b', 'cm-c']);
    expect(posts.map((p) => p.webhook).sort()).toEqual(['hook-a', 'hook-a2', 'hook-b']);
    const digest = posts.find((p) => p.webhook === 'hook-a')!.markdown;
    expect(digest.split('\n')[0]).toBe('**30 件事项已上报**');
    expect(digest).toContain('20270228-0000 道路破损');
    expect(digest).toContain('其余 22 件');
    expect(posts.find((p) => p.webhook === 'hook-a2')!.markdown).toBe(grid2.payload.markdown); // the single item's message, unchanged
    expect(posts.find((p) => p.webhook === 'hook-b')!.markdown).toBe(b.payload.markdown);
  });

  it("answers for every alert of a post by the post's outcome: retry all of a busy robot, drop all of a refused one", async () => {
    const { posts, handler } = setup((w) => (w === 'hook-a' ? 'retry' : 'failed'));
    const a = [entryOf(request(1)), entryOf(request(2))];
    const b = [entryOf(request(3, { communityId: 'cm-b' })), entryOf(request(4, { communityId: 'cm-b' }))];
    expect(await handler.batch([a[0]!, b[0]!, a[1]!, b[1]!], T0)).toEqual(['retry', 'drop', 'retry', 'drop']);
    expect(posts).toHaveLength(2);
  });

  it('reads a digest item from an alert stored before digests (markdown only)', async () => {
    const { posts, handler } = setup();
    const old = (r: ServiceRequest): OutboxEntry => {
      const e = entryOf(r);
      const { communityId, gridId, markdown } = e.payload;
      return { ...e, payload: { communityId, gridId, markdown } };
    };
    const late = escalateIfOverdue(request(9), new Date(T0.getTime() + 60_000), CN_CALENDAR)!;
    const fresh = { ...alertsOf(late)[0]!, id: 'x', dueAt: T0.toISOString(), attempts: 0, ref: 'x' };
    await handler.batch([old(request(5)), old(request(6)), fresh], T0);
    expect(posts[0]!.markdown.split('\n').slice(0, 4)).toEqual(['**3 件事项已上报**', '> r-5', '> r-6', expect.stringMatching(/^> 20270228-0009 道路破损 · 社区 · /)]);
  });
});

describe("the wave's deliveries", () => {
  it('hands the outbox each batched topic in chunks of DELIVERY_BATCH, first, and every other entry on its own', async () => {
    const { deliveryChunks, DELIVERY_BATCH } = await import('../../functions/src/requests/domain/escalation');
    const e = (topic: string, i: number): OutboxEntry => ({ id: `${topic}-${i}`, topic, subject: `s#${i}`, payload: {}, dueAt: T0.toISOString(), attempts: 0, ref: i });
    const messages = Array.from({ length: 1200 }, (_, i) => [e('requests.staff_alert', i), ...(i % 400 === 0 ? [e('notice', i)] : [])]).flat();
    const chunks = deliveryChunks(messages, (t) => t === 'requests.staff_alert');
    expect(chunks.map((c) => c.length)).toEqual([DELIVERY_BATCH, DELIVERY_BATCH, 1200 - 2 * DELIVERY_BATCH, 1, 1, 1]);
    expect(chunks[0]![0]!.id).toBe('requests.staff_alert-0');
    expect(chunks.flat()).toHaveLength(messages.length);
    expect(deliveryChunks([], () => true)).toEqual([]);
  });
});
