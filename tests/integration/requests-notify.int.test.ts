/** Subscribe messages (订阅消息) sent through the WeChat stand-in. */
import { RequestResponse } from '@linli/shared';
import { idemKey, inGrid1 } from '../support/builders';
import { countRequests } from '../support/requests';
import { startTestApi, type TestApi } from '../support/harness';

describe('subscribe messages (订阅消息)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('sends the reporter one message per consent on acceptance, escalation and resolution', async () => {
    const resident = await api.tokenFor('resident');
    const gw = await api.tokenFor('grid_worker');
    const ca = await api.tokenFor('community_admin');
    const sent = () => api.stack.wechat.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send');
    const before = sent().length;
    const res = await api.call('POST', '/requests', {
      token: resident,
      body: { categoryId: 'env-pests', description: '地下室老鼠很多，需要灭鼠', location: inGrid1, notify: ['accepted', 'escalated', 'resolved'] },
      headers: { 'idempotency-key': idemKey('notify') },
    });
    let r = RequestResponse.parse(res.body).request;
    const step = async (token: string, body: Record<string, unknown>) => {
      r = RequestResponse.parse((await api.call('POST', `/requests/${r.id}/actions`, { token, body: { ...body, version: r.version } })).body).request;
    };
    await step(gw, { action: 'accept' });
    await step(gw, { action: 'escalate', reason: '需要社区统一组织灭鼠' });
    await step(ca, { action: 'accept' }); // consent for "accepted" was used already: no second message
    await step(ca, { action: 'resolve', result: '已组织专业灭鼠' });
    const messages = sent().slice(before).map((c) => c.body as { touser: string; template_id: string; page: string; data: { phrase2: { value: string } } });
    expect(messages.map((m) => m.template_id)).toEqual(['local-tmpl-accepted', 'local-tmpl-escalated', 'local-tmpl-resolved']);
    expect(new Set(messages.map((m) => m.touser))).toEqual(new Set(['demo-openid-resident']));
    expect(messages[0]!.page).toBe(`packages/request-detail/index?id=${r.id}`);
    expect(messages.map((m) => m.data.phrase2.value)).toEqual(['已受理', '已上报', '已办结']);
  });

  it('sends nothing without consent, and tells the client which templates to ask for', async () => {
    const resident = await api.tokenFor('resident');
    const cats = await api.call('GET', '/request-categories', { token: resident });
    expect(cats.body.subscribeTemplates).toEqual({ accepted: 'local-tmpl-accepted', escalated: 'local-tmpl-escalated', resolved: 'local-tmpl-resolved' });
    const before = api.stack.wechat.calls.length;
    const res = await api.call('POST', '/requests', {
      token: resident,
      body: { categoryId: 'env-pests', description: '楼道里有蟑螂需要消杀', location: inGrid1 },
      headers: { 'idempotency-key': idemKey('nonotify') },
    });
    const r = RequestResponse.parse(res.body).request;
    await api.call('POST', `/requests/${r.id}/actions`, { token: await api.tokenFor('grid_worker'), body: { action: 'accept', version: r.version } });
    expect(api.stack.wechat.calls.slice(before).filter((c) => c.path.startsWith('/cgi-bin/message'))).toEqual([]);
  });

  it('keeps a notice WeChat could not take in the outbox and sends it once on a later minute', async () => {
    const { getDeps } = await import('../../functions/src/composition');
    const deps = getDeps();
    const drainNotices = async (_d: typeof deps, at: Date) => {
      const { sent, retried, dropped } = await deps.outbox.drain(at, 100);
      return { sent, retried, dropped };
    };
    const resident = await api.tokenFor('resident');
    const res = await api.call('POST', '/requests', {
      token: resident,
      body: { categoryId: 'fix-road', description: '人行道砖块松动', location: inGrid1, notify: ['accepted'] },
      headers: { 'idempotency-key': idemKey('outbox') },
    });
    const r = RequestResponse.parse(res.body).request;
    const sends = () =>
      api.stack.wechat.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as { page: string }).page.endsWith(r.id));
    api.stack.wechat.failSends(true);
    await api.call('POST', `/requests/${r.id}/actions`, { token: await api.tokenFor('grid_worker'), body: { action: 'accept', version: r.version } });
    expect(sends()).toHaveLength(1); // tried at once, WeChat busy
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await drainNotices(deps, later)).toMatchObject({ retried: 1 });
    api.stack.wechat.failSends(false);
    expect(await drainNotices(deps, new Date(later.getTime() + 60_000))).toMatchObject({ sent: 1 });
    expect(await drainNotices(deps, new Date(later.getTime() + 120_000))).toEqual({ sent: 0, retried: 0, dropped: 0 });
    expect(sends()).toHaveLength(3); // busy, busy, delivered — and nothing after
  });

  it('sends "me too" followers and merged reporters the messages they agreed to, once each', async () => {
    const resident = await api.tokenFor('resident');
    const rider = await api.tokenFor('rider');
    const volunteer = await api.tokenFor('volunteer');
    const gw = await api.tokenFor('grid_worker');
    const file = async (token: string, description: string, notify: string[]) =>
      RequestResponse.parse(
        (
          await api.call('POST', '/requests', {
            token,
            body: { categoryId: 'fix-road', description, location: inGrid1, notify },
            headers: { 'idempotency-key': idemKey('fol') },
          })
        ).body,
      ).request;
    const survivor = await file(resident, '小区门口路面塌陷一个坑', []);
    const duplicate = await file(volunteer, '门口路面有坑容易摔倒', ['resolved']);
    const followed = await api.call('POST', `/requests/${survivor.id}/follow`, { token: rider, body: { notify: ['accepted', 'resolved'] } });
    expect(followed.status).toBe(200);
    const sentTo = () =>
      api.stack.wechat.calls
        .filter((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as { page: string }).page.endsWith(survivor.id))
        .map((c) => `${(c.body as { touser: string }).touser}:${(c.body as { template_id: string }).template_id}`);
    let s = RequestResponse.parse((await api.call('GET', `/requests/${survivor.id}`, { token: gw })).body).request;
    const step = async (id: string, body: Record<string, unknown>) => {
      const cur = RequestResponse.parse((await api.call('GET', `/requests/${id}`, { token: gw })).body).request;
      const res = await api.call('POST', `/requests/${id}/actions`, { token: gw, body: { ...body, version: cur.version } });
      expect(res.status).toBe(200);
    };
    await step(duplicate.id, { action: 'merge', into: survivor.id });
    await step(survivor.id, { action: 'accept' });
    await step(survivor.id, { action: 'note', note: '已安排施工队' });
    await step(survivor.id, { action: 'resolve', result: '已填平' });
    s = RequestResponse.parse((await api.call('GET', `/requests/${survivor.id}`, { token: gw })).body).request;
    expect(s.followers).toBe(3);
    expect(sentTo().sort()).toEqual(
      ['demo-openid-rider:local-tmpl-accepted', 'demo-openid-rider:local-tmpl-resolved', 'demo-openid-volunteer:local-tmpl-resolved'].sort(),
    );
  });

  it('tells followers of an item the deadline task escalates, and reads the followers only of an item that has some', async () => {
    const { getDeps } = await import('../../functions/src/composition');
    const { escalateOverdue } = await import('../../functions/src/requests/domain/escalation');
    const deps = getDeps();
    const file = async (description: string) =>
      RequestResponse.parse(
        (
          await api.call('POST', '/requests', {
            token: await api.tokenFor('resident'),
            body: { categoryId: 'fix-road', description, location: inGrid1, notify: ['escalated'] },
            headers: { 'idempotency-key': idemKey('esc-fol') },
          })
        ).body,
      ).request;
    const followed = await file('单元门口的路灯杆倾斜');
    const alone = await file('垃圾房旁边的路面开裂');
    expect((await api.call('POST', `/requests/${followed.id}/follow`, { token: await api.tokenFor('rider'), body: { notify: ['escalated'] } })).status).toBe(200);
    const sentFor = (id: string) =>
      api.stack.wechat.calls
        .filter((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as { page: string }).page.endsWith(id))
        .map((c) => `${(c.body as { touser: string }).touser}:${(c.body as { template_id: string }).template_id}`);
    const due = Math.max(...(await Promise.all([followed.id, alone.id].map(async (id) => Date.parse((await deps.requests.get(id))!.acceptBy!)))));
    const { result, sent } = await countRequests(() => escalateOverdue(deps, new Date(due + 60_000)));
    expect(result.escalated).toBeGreaterThanOrEqual(2);
    for (const id of [followed.id, alone.id]) expect((await deps.requests.get(id))!.level).toBe('community');
    // The timeline partition (where followers are) is queried for the followed item only.
    expect(sent.commands.filter((c) => c.startsWith(`Query table REQ#${followed.id}`))).toHaveLength(1);
    expect(sent.commands.filter((c) => c.startsWith(`Query table REQ#${alone.id}`))).toEqual([]);
    expect(sentFor(followed.id).sort()).toEqual(['demo-openid-resident:local-tmpl-escalated', 'demo-openid-rider:local-tmpl-escalated']);
    expect(sentFor(alone.id)).toEqual(['demo-openid-resident:local-tmpl-escalated']);
  });
});
