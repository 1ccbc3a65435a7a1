/**
 * Settings that change under bookings: nothing is dropped silently. Bookings that no longer fit are
 * listed for staff with the reason; staff move or cancel them, and the resident is told (by
 * subscribe message where he consented, else on the list of people to phone).
 */
import { DisplacedResponse } from '@linli/shared';
import { booked, centreSettings, openCentre, openSlots, resident } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const block = (start: string, end: string, windows: number) => [{ start, end, slotMinutes: 30, windows }];
const rules = (start: string, end: string, windows: number) => ({ workday: block(start, end, windows), restday: block(start, end, windows), holiday: null });

describe('booking when the rules change', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('lists bookings that no longer fit, and tells the residents when staff move or cancel them', async () => {
    const c = await openCentre(api, { rules: rules('09:00', '11:00', 2) });
    const [a, b, d] = await Promise.all([resident(api, '先约的人'), resident(api, '后约的人'), resident(api, '十点的人')]);
    const [nine] = await openSlots(api, a.token, c.id);
    const day = nine!.date;
    await booked(api, a.token, { centreId: c.id, offeringId: 'shebao', date: day, start: '09:00' });
    const late = await booked(api, b.token, { centreId: c.id, offeringId: 'shebao', date: day, start: '09:00', notify: ['changed'] });
    const ten = await booked(api, d.token, { centreId: c.id, offeringId: 'shebao', date: day, start: '10:00' });
    const staff = await api.tokenFor('service_staff');
    const put = await api.call('PUT', `/centres/${c.id}`, { token: staff, body: { ...centreSettings({ rules: rules('09:00', '09:30', 1) }), version: 1 } });
    expect(put.status).toBe(200);
    const list = DisplacedResponse.parse((await api.call('GET', `/centres/${c.id}/displaced`, { token: staff })).body).items;
    expect(list.map((x) => [x.personName, x.start, x.reason]).sort()).toEqual([
      ['十点的人', '10:00', '该时段已不开放'],
      ['后约的人', '09:00', '名额减少为 1 个，超出名额'],
    ]);
    expect((await api.call('GET', `/centres/${c.id}/displaced`, { token: a.token })).status).toBe(403);

    const from = api.stack.wechat.calls.length;
    // Staff move the later 09:00 booking to the next day and cancel the 10:00 one.
    const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    const moved = await api.call('POST', `/bookings/${late.id}/reschedule`, { token: staff, body: { date: nextDay, start: '09:00', version: 1 }, headers: { 'idempotency-key': idemKey('rs') } });
    expect(moved.status).toBe(200);
    expect(moved.body.booking.history.at(-1).what).toMatch(/^服务中心改约/);
    const cancelled = await api.call('POST', `/bookings/${ten.id}/cancellation`, { token: staff, body: { version: 1, reason: '该时段调整为不开放' } });
    expect(cancelled.body.booking.history.at(-1).what).toBe('服务中心取消：该时段调整为不开放');
    expect(DisplacedResponse.parse((await api.call('GET', `/centres/${c.id}/displaced`, { token: staff })).body).items).toEqual([]);
    const deps = (await import('../../functions/src/composition')).getDeps();
    await deps.outbox.drain(new Date(), 100);
    const openidOf = async (id: string) => (await deps.users.get(id))!.openid;
    const sent = api.stack.wechat.calls.slice(from).filter((x) => x.path === '/cgi-bin/message/subscribe/send').map((x) => (x.body as { touser: string; template_id: string }));
    expect(sent).toEqual([expect.objectContaining({ touser: await openidOf(b.userId), template_id: 'local-tmpl-booking-changed' })]);
    const sheet = (await api.call('GET', `/centres/${c.id}/days/${day}`, { token: staff })).body;
    expect(sheet.unsent.map((u: { name: string; what: string }) => [u.name, u.what])).toEqual([['十点的人', '服务中心改约或取消的通知']]);
  });
});
