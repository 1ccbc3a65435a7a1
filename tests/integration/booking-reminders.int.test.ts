/**
 * Booking reminders and waitlist offers on the real local store and the WeChat stand-in: sent when
 * due to whoever consented at the tap (the person and the one who booked for him), never for a
 * cancelled or moved booking, and listed for the centre's staff when they could not be sent.
 */
import { CentreDayResponse } from '@linli/shared';
import { booked, openCentre, openSlots, resident } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const DAY = 'local-tmpl-booking-day';
const HOUR = 'local-tmpl-booking-hour';
const OFFER = 'local-tmpl-waitlist-offer';
const dayAfterTomorrow = (): string => new Date(Date.now() + 8 * 3600_000 + 2 * 86400_000).toISOString().slice(0, 10);

describe('booking reminders', () => {
  let api: TestApi;
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
  });
  afterAll(() => api.stop());

  /** Subscribe messages the stand-in received for a user since `from` (an index into its calls). */
  const sentTo = async (userId: string, from: number) => {
    const openid = (await deps.users.get(userId))!.openid;
    return api.stack.wechat.calls
      .slice(from)
      .filter((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as { touser: string }).touser === openid)
      .map((c) => (c.body as { template_id: string }).template_id);
  };
  const drainAt = (iso: string) => deps.outbox.drain(new Date(iso), 500);
  const sheet = async (centreId: string, date: string) =>
    CentreDayResponse.parse((await api.call('GET', `/centres/${centreId}/days/${date}`, { token: await api.tokenFor('service_staff') })).body);

  it('reminds the afternoon before and an hour before, with the consents given at the tap, and lists who could not be reminded', async () => {
    const c = await openCentre(api);
    const [willing, silent, refusing] = await Promise.all([resident(api, '愿意提醒'), resident(api, '未授权人'), resident(api, '拒收的人')]);
    const [slot] = await openSlots(api, willing.token, c.id, 'shebao', dayAfterTomorrow());
    const body = { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start };
    const from = api.stack.wechat.calls.length;
    await booked(api, willing.token, { ...body, notify: ['day_before', 'hour_before'] });
    await booked(api, silent.token, body);
    await booked(api, refusing.token, { ...body, notify: ['day_before'] });
    api.stack.wechat.refuse((await deps.users.get(refusing.userId))!.openid);
    const startsAt = Date.parse(`${slot!.date}T${slot!.start}:00+08:00`);
    await drainAt(new Date(startsAt - 2 * 3600_000).toISOString()); // after 16:00 the day before, before the hour
    expect(await sentTo(willing.userId, from)).toEqual([DAY]);
    await drainAt(new Date(startsAt - 30 * 60_000).toISOString());
    expect(await sentTo(willing.userId, from)).toEqual([DAY, HOUR]);
    expect(await sentTo(silent.userId, from)).toEqual([]);
    expect(await sentTo(refusing.userId, from)).toEqual([DAY]); // sent, and refused by WeChat
    const unsent = (await sheet(c.id, slot!.date)).unsent.map((u) => [u.name, u.what, u.reason]).sort();
    expect(unsent).toEqual(
      [
        ['未授权人', '前一天下午提醒', '未授权消息提醒'],
        ['未授权人', '开始前 1 小时提醒', '未授权消息提醒'],
        ['拒收的人', '前一天下午提醒', '微信拒收（用户已关闭提醒）'],
        ['拒收的人', '开始前 1 小时提醒', '未授权消息提醒'],
      ].sort(),
    );
    expect((await sheet(c.id, slot!.date)).unsent.find((u) => u.name === '未授权人')!.phone).toBeNull(); // no phone given at registration
  });

  it('sends nothing for a cancelled booking, and reminds of the new time after a move', async () => {
    const c = await openCentre(api);
    const me = await resident(api, '改来改去');
    const slots = await openSlots(api, me.token, c.id, 'shebao', dayAfterTomorrow());
    const [s1, s2] = [slots[0], slots[8]]; // four hours apart
    const from = api.stack.wechat.calls.length;
    const b = await booked(api, me.token, { centreId: c.id, offeringId: 'shebao', date: s1!.date, start: s1!.start, notify: ['hour_before'] });
    const moved = await api.call('POST', `/bookings/${b.id}/reschedule`, { token: me.token, body: { date: s2!.date, start: s2!.start, version: 1 }, headers: { 'idempotency-key': idemKey('rs') } });
    expect(moved.status).toBe(200);
    const s1At = Date.parse(`${s1!.date}T${s1!.start}:00+08:00`);
    await drainAt(new Date(s1At - 30 * 60_000).toISOString()); // the old hour-before: the booking moved
    expect(await sentTo(me.userId, from)).toEqual([]);
    const s2At = Date.parse(`${s2!.date}T${s2!.start}:00+08:00`);
    await drainAt(new Date(s2At - 30 * 60_000).toISOString());
    expect(await sentTo(me.userId, from)).toEqual([HOUR]);
    await api.call('POST', `/bookings/${b.id}/cancellation`, { token: me.token, body: { version: 2 } });
    await drainAt(new Date(s2At + 3600_000).toISOString());
    expect(await sentTo(me.userId, from)).toEqual([HOUR]);
  });

  it('tells the first in line at once that a place is held, and reminds a grid worker who booked for an elder', async () => {
    const c = await openCentre(api, { rules: { workday: [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 1 }], restday: [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 1 }], holiday: null } });
    const [elder, waiter] = await Promise.all([resident(api, '王奶奶'), resident(api, '排队的人')]);
    const [slot] = await openSlots(api, elder.token, c.id, 'shebao', dayAfterTomorrow());
    const gw = await api.tokenFor('grid_worker');
    const from = api.stack.wechat.calls.length;
    const res = await api.call('POST', '/bookings', {
      token: gw, body: { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start, forUserId: elder.userId, notify: ['hour_before'] }, headers: { 'idempotency-key': idemKey('book') },
    });
    expect(res.status).toBe(201);
    const joined = await api.call('POST', `/centres/${c.id}/waitlist`, {
      token: waiter.token, body: { offeringId: 'shebao', date: slot!.date, start: slot!.start, notify: ['offer'] }, headers: { 'idempotency-key': idemKey('wait') },
    });
    expect(joined.status).toBe(201);
    const startsAt = Date.parse(`${slot!.date}T${slot!.start}:00+08:00`);
    await drainAt(new Date(startsAt - 30 * 60_000).toISOString());
    expect(await sentTo('u-demo-grid-worker', from)).toEqual([HOUR]);
    expect(await sentTo(elder.userId, from)).toEqual([]);
    expect((await sheet(c.id, slot!.date)).unsent.map((u) => [u.name, u.what])).toEqual([['王奶奶', '前一天下午提醒'], ['王奶奶', '开始前 1 小时提醒']]);
    // The grid worker cancels for her: the place is held for the one waiting, who is told at once.
    await api.call('POST', `/bookings/${res.body.booking.id}/cancellation`, { token: gw, body: { version: 1 } });
    expect(await sentTo(waiter.userId, from)).toEqual([OFFER]);
  });
});
