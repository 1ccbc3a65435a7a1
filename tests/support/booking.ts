/**
 * Booking test data: a centre open every day from 08:00 to 22:00 in 30-minute slots (so a test finds
 * bookable slots whatever the hour), residents with real names, and booking calls through the API.
 */
import { BookingResponse, CentreResponse, type BookingDto, type CentreDto, SlotsResponse } from '@linli/shared';
import { idemKey } from './builders';
import type { TestApi } from './harness';

const ALL_DAY = [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 5 }];

/** Settings for a test centre of 名山社区: five windows, a one-place mediation room. */
export const centreSettings = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: '测试服务中心',
  address: '测试路 1 号',
  location: { lat: 29.605, lng: 103.48, datum: 'wgs84' },
  staffTotal: 6,
  rooms: [{ id: 'mediation', name: '人民调解室', capacity: 1 }],
  offerings: [
    { id: 'shebao', name: '社保医保办理', minutes: 20, bring: ['身份证', '社保卡'], where: '一楼综合窗口' },
    { id: 'youdai', name: '老年人优待证', minutes: 15, bring: ['身份证'], where: '一楼综合窗口' },
    { id: 'tiaojie', name: '人民调解', minutes: 30, bring: [], where: '二楼', room: 'mediation' },
  ],
  rules: { workday: ALL_DAY, restday: ALL_DAY, holiday: ALL_DAY },
  exceptions: [],
  policy: { aheadDays: 14, cancelCutoffMinutes: 60, rescheduleCutoffMinutes: 60 },
  ...over,
});

/** Opens a test centre (as the demo community admin) and returns it. */
export async function openCentre(api: TestApi, over: Record<string, unknown> = {}): Promise<CentreDto> {
  const res = await api.call('POST', '/centres', {
    token: await api.tokenFor('community_admin'),
    body: { communityId: 'cm-mingshan', ...centreSettings(over) },
    headers: { 'idempotency-key': idemKey('centre') },
  });
  if (res.status !== 201) throw new Error(`opening a centre failed: ${res.status} ${JSON.stringify(res.body)}`);
  return CentreResponse.parse(res.body).centre;
}

/** A brand-new WeChat user registered in 名山社区第一网格 with a real name; his fresh token. */
export async function resident(api: TestApi, name = '测试居民'): Promise<{ token: string; userId: string }> {
  const { token, userId } = await api.newUser();
  const res = await api.call('PUT', '/me/registration', {
    token,
    body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '1栋', room: '101' }, name },
  });
  if (res.status !== 200) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, userId };
}

/** Open slots of an offering from tomorrow on (never a slot that starts while the test runs). */
export async function openSlots(api: TestApi, token: string, centreId: string, offeringId = 'shebao', from?: string) {
  const res = await api.call('GET', `/centres/${centreId}/slots?offeringId=${offeringId}&days=3${from ? `&from=${from}` : `&from=${tomorrow()}`}`, { token });
  if (res.status !== 200) throw new Error(`slots failed: ${res.status} ${JSON.stringify(res.body)}`);
  return SlotsResponse.parse(res.body).days.flatMap((d) => d.slots.filter((s) => s.state === 'open').map((s) => ({ date: d.date, ...s })));
}

/** Tomorrow in Asia/Shanghai. */
export const tomorrow = (): string => new Date(Date.now() + 8 * 3600_000 + 86400_000).toISOString().slice(0, 10);

export const book = (api: TestApi, token: string, body: Record<string, unknown>, key = idemKey('book')) =>
  api.call('POST', '/bookings', { token, body, headers: { 'idempotency-key': key } });

/** Books and returns the booking; fails the test unless 201. */
export async function booked(api: TestApi, token: string, body: Record<string, unknown>): Promise<BookingDto> {
  const res = await book(api, token, body);
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return BookingResponse.parse(res.body).booking;
}
