/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the centre's desk (服务中心预约台). A test centre of 名山社区 open
 * all day (00:00–24:00, 30-minute slots, one window) is opened through the API, so check-in — which
 * only works on the booking's own day — can be tried at any hour. 张秀英 (the demo resident) books
 * its first open slot of today in the UI; 郑晓红 (demo-service-staff) opens 服务中心预约台 on 我的,
 * picks the centre, sees the booking on today's sheet (name, masked phone, offering, status), is told
 * a wrong code is not today's, checks her in by the code she reads out, and records a walk-in. A
 * booking whose slot started is marked 未到场 after a confirmation (which pauses that resident's
 * online booking under this centre's one-strike rule), and the pause is lifted after another. On
 * 明天 the place offered to 王桂芳 from a waitlist, which she had not agreed to be told of, is listed
 * under 提醒未送达 with 拨打电话, and its slot shows 候补保留 1. At a second test centre whose hours
 * were shortened after 孙阿姨 booked 20:00 tomorrow, her booking is listed under 待处理 with why; the
 * staff opens it and cancels it for her (with the reason, and she is told), and 待处理 is gone.
 */

import type { Page } from 'playwright-core';
import { type CentreDto, MyBookingsResponse, SlotsResponse } from '@linli/shared';
import { booked, centreSettings, openCentre, resident, tomorrow } from '../support/booking';
import { idemKey } from '../support/builders';
import { answerModal, browserSuite, describeBrowser, fill, modal, smallTouchTargets } from '../support/browser';

const STEP = 60_000;
const ALL_DAY = [{ start: '00:00', end: '24:00', slotMinutes: 30, windows: 1 }];
const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const yesterday = (): string => new Date(Date.now() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);

describeBrowser('服务中心预约台 in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  /** Status, pool and offering codes must never show: labels are Chinese. */
  const RAW_CODE = /\b(booked|cancelled|checked_in|no_show|windows|room-[a-z]+|shebao|youdai|[a-z]+_[a-z]+)\b/;

  let centre: CentreDto;
  /** Today's first open slot at least three minutes ahead; null late in the evening (none left). */
  let slot: { start: string; end: string } | null = null;
  let code = '';
  let staff: Page;

  beforeAll(async () => {
    centre = await openCentre(suite.api, {
      name: '测试延时服务中心',
      rules: { workday: ALL_DAY, restday: ALL_DAY, holiday: ALL_DAY },
      policy: { aheadDays: 7, cancelCutoffMinutes: 60, rescheduleCutoffMinutes: 60, noShow: { count: 1, days: 30, pauseDays: 7 } },
    });
    const res = await suite.api.call('GET', `/centres/${centre.id}/slots?offeringId=shebao&from=${today()}&days=1`, { token: await suite.api.tokenFor('resident') });
    const slots = SlotsResponse.parse(res.body).days[0]?.slots ?? [];
    slot = slots.find((s) => s.state === 'open' && Date.parse(`${today()}T${s.start}:00+08:00`) - Date.now() > 3 * 60_000) ?? null;
    if (!slot) process.stderr.write(`\n  服务中心预约台: no slot left today (${today()}, after 23:27 Shanghai time): the check-in steps are skipped.\n\n`);
  });

  /** A phone that agreed to the privacy notice, signed in with a demo login. */
  const phoneAs = (login: string): Promise<Page> => suite.phoneAs(login, { agreed: true });
  const desk = (p: Page) => p.locator('[data-testid="booking-desk"]:visible');
  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  const count = async (p: Page, key: string) => Number(await desk(p).locator(`[data-testid="count-${key}"] .dk-count-n`).innerText());
  const openDesk = async (p: Page) => {
    await p.locator('[data-testid="open-booking-desk"]').tap();
    await desk(p).locator(`[data-testid="desk-centre-${centre.id}"]`).tap();
    await desk(p).locator('[data-testid="desk-centre"]', { hasText: '测试延时服务中心' }).waitFor();
    await desk(p).locator('[data-testid="day-sheet"]').waitFor();
  };

  it(
    '张秀英 books the first open slot of today at the test centre',
    async () => {
      if (!slot) return;
      const p = await phoneAs('resident');
      await p.locator('.weui-tabbar__label', { hasText: '延时服务' }).tap();
      await p.locator(`[data-testid="centre-list"]:visible [data-testid="centre-${centre.id}"]`).tap();
      await p.locator('[data-testid="offering-shebao"]').tap();
      await p.locator(`[data-testid="day-${today()}"]`).tap();
      await p.locator(`[data-testid="slot-${slot.start}"]`).tap();
      await p.locator('[data-testid="booking-next"]').tap();
      await p.locator('[data-testid="booking-confirm"]').waitFor();
      const created = p.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
      await p.locator('[data-testid="booking-submit"]').tap();
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().postDataJSON()).toMatchObject({ notify: [] }); // H5: no subscribe messages asked, none promised
      code = (await p.locator('[data-testid="booking-detail"] [data-testid="booking-code"]').innerText()).replace(/\s/g, '');
      expect(code).toMatch(/^\d{6}$/);
      await p.context().close();
    },
    STEP,
  );

  it(
    'the centre staff opens 服务中心预约台, sees her on today’s sheet, and checks her in by the code she reads out',
    async () => {
      staff = await phoneAs('service_staff');
      const entry = await staff.locator('[data-testid="open-booking-desk"]').boundingBox();
      expect(entry!.height).toBeGreaterThanOrEqual(44);
      await openDesk(staff);
      await expect(desk(staff).locator('[data-testid="desk-date"]').innerText()).resolves.toMatch(/^\d+月\d+日 周[一二三四五六日] · /);
      expect(await desk(staff).locator('[data-testid="checkin-box"]').count()).toBe(1); // today only
      if (!slot) return;

      const row = desk(staff).locator(`[data-testid="sheet-${slot.start}"]`);
      await row.waitFor();
      const card = row.locator('[data-testid="desk-booking"]');
      const words = await card.innerText();
      for (const w of ['张秀英', '138****1234', '社保医保办理', '已预约', `预约码 ${code.slice(0, 3)} ${code.slice(3)}`]) expect(words).toContain(w);
      await expect(row.innerText()).resolves.toMatch(/综合窗口\s*已约 1\/1 已满/);
      expect(await card.locator('[data-testid="desk-no-show"]').count()).toBe(0); // not started yet
      expect(await count(staff, 'booked')).toBe(1);
      expect(await desk(staff).innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'desk-1-sheet');

      // A code that is not today's here is refused in words.
      await fill(staff, 'checkin-code', '000000');
      await desk(staff).locator('[data-testid="checkin-submit"]').tap();
      await expect(desk(staff).locator('[data-testid="checkin-error"]').innerText()).resolves.toBe('今天没有这个预约码，请核对后再输入');

      await fill(staff, 'checkin-code', code);
      const checked = staff.waitForResponse((r) => r.url().endsWith('/check-ins'));
      await desk(staff).locator('[data-testid="checkin-submit"]').tap();
      expect((await checked).status()).toBe(200);
      await expect(desk(staff).locator('[data-testid="checkin-result"]').innerText()).resolves.toMatch(/已签到：张秀英[\s\S]*社保医保办理 · \d\d:\d\d–\d\d:\d\d/);
      await card.locator('[data-testid="desk-booking-status"]', { hasText: '已到场' }).waitFor();
      await desk(staff).locator('[data-testid="count-checkedIn"] .dk-count-n', { hasText: '1' }).waitFor();
      expect(await count(staff, 'booked')).toBe(0);
      expect(await card.locator('[data-testid="desk-check-in"]').count()).toBe(0);
      await shot(staff, 'desk-2-checked-in');
    },
    STEP,
  );

  it(
    'records a walk-in: what for and an optional name, counted for the day',
    async () => {
      const form = desk(staff).locator('[data-testid="walk-in"]');
      await form.locator('[data-testid="walk-in-save"]').tap();
      await expect(form.locator('.field-error').innerText()).resolves.toBe('请选择办理的事项');
      await form.locator('[data-testid="walk-in-youdai"]').tap();
      await fill(staff, 'walk-in-name', '王大爷');
      const saved = staff.waitForResponse((r) => r.url().endsWith('/walk-ins'));
      await form.locator('[data-testid="walk-in-save"]').tap();
      const res = await saved;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      await form.locator('[data-testid="walk-in-list"]', { hasText: '老年人优待证 · 王大爷' }).waitFor();
      await desk(staff).locator('[data-testid="count-walkIns"] .dk-count-n', { hasText: '1' }).waitFor();
      await toastsGone(staff);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'desk-3-walk-in');
    },
    STEP,
  );

  it(
    'marks a booking whose slot started as 未到场 after a confirmation, then lifts the pause it caused after another',
    async () => {
      // A booking of today 00:00, made (through the domain, at a time given to it) just before midnight.
      const late = await resident(suite.api, '李大爷');
      const { deps } = await import('../../functions/src/handlers/booking'); // the booking function's own wiring
      const { bookPlace } = await import('../../functions/src/booking/domain/book');
      const actor = { userId: late.userId, roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
      const body = { centreId: centre.id, offeringId: 'shebao', date: today(), start: '00:00', note: '', notify: [] };
      await bookPlace(deps(), actor, body, idemKey('late'), new Date(`${yesterday()}T23:59:00+08:00`));

      await staff.reload();
      await desk(staff).locator(`[data-testid="desk-centre"]`, { hasText: '测试延时服务中心' }).waitFor(); // the centre last chosen
      const card = desk(staff).locator('[data-testid="sheet-00:00"] [data-testid="desk-booking"]', { hasText: '李大爷' });
      await card.locator('[data-testid="desk-no-show"]').tap();
      const text = await modal(staff).locator('.taro-modal__text').innerText();
      expect(text).toContain('李大爷 00:00 社保医保办理');
      expect(text).toContain('暂停这位居民在线预约 7 天');
      await answerModal(staff, 'cancel');
      await expect(card.locator('[data-testid="desk-booking-status"]').innerText()).resolves.toBe('已预约');

      await card.locator('[data-testid="desk-no-show"]').tap();
      await answerModal(staff, 'confirm');
      await card.locator('[data-testid="desk-booking-status"]', { hasText: '未到场' }).waitFor();
      await desk(staff).locator('[data-testid="count-noShow"] .dk-count-n', { hasText: '1' }).waitFor();
      const paused = async () => MyBookingsResponse.parse((await suite.api.call('GET', '/bookings/mine', { token: late.token })).body).pause;
      expect((await paused())?.reason).toContain('未到场 1 次');
      await toastsGone(staff);
      await shot(staff, 'desk-4-no-show');

      await card.locator('[data-testid="desk-lift-pause"]').tap();
      await expect(modal(staff).locator('.taro-modal__text').innerText()).resolves.toContain('解除后可以立即重新预约');
      const lifted = staff.waitForResponse((r) => r.url().endsWith('/booking-pause/lifting'));
      await answerModal(staff, 'confirm');
      expect((await lifted).status()).toBe(200);
      expect(await paused()).toBeNull();
      expect(await smallTouchTargets(staff)).toEqual([]);
    },
    STEP,
  );

  it(
    'on 明天 lists the waitlist offer that could not be sent, with 拨打电话 to tell her instead',
    async () => {
      // 王桂芳 (the demo volunteer, with a phone) waits for tomorrow 10:00; its holder cancels: the place is held for her.
      const holder = await resident(suite.api, '周先生');
      const at = { centreId: centre.id, offeringId: 'shebao', date: tomorrow(), start: '10:00' };
      const b = await booked(suite.api, holder.token, at);
      const joined = await suite.api.call('POST', `/centres/${centre.id}/waitlist`, {
        token: await suite.api.tokenFor('volunteer'), body: { offeringId: 'shebao', date: at.date, start: at.start }, headers: { 'idempotency-key': idemKey('wait') },
      });
      expect(joined.status).toBe(201);
      expect((await suite.api.call('POST', `/bookings/${b.id}/cancellation`, { token: holder.token, body: { version: b.version } })).status).toBe(200);

      await desk(staff).locator('[data-testid="desk-day-1"]').tap();
      expect(await desk(staff).locator('[data-testid="checkin-box"]').count()).toBe(0); // check-in is for today only
      const unsent = desk(staff).locator('[data-testid="unsent"]');
      await unsent.waitFor();
      await expect(unsent.locator('[data-testid="unsent-item"]').innerText()).resolves.toMatch(/王桂芳 · 10:00[\s\S]*候补到号通知：未授权消息提醒/);
      await expect(unsent.locator('[data-testid="unsent-call"]').innerText()).resolves.toBe('拨打电话 13708133456');
      // No booking at 10:00 any more, but its place is held for her: shown, and counted as taken.
      const held = desk(staff).locator('[data-testid="sheet-10:00"] [data-testid="pool-windows"]');
      await expect(held.locator('[data-testid="pool-held"]').innerText()).resolves.toMatch(/^候补保留 1/);
      await expect(held.locator('[data-testid="pool-count"]').innerText()).resolves.toBe('已约 0/1 已满');
      expect(await desk(staff).locator('[data-testid="desk-booking"]').count()).toBe(0);
      await desk(staff).locator('[data-testid="sheet-all"]').tap();
      await desk(staff).locator('[data-testid="sheet-10:00"]').waitFor();
      expect(await desk(staff).locator('[data-testid^="sheet-"][data-testid$=":00"], [data-testid^="sheet-"][data-testid$=":30"]').count()).toBe(48);
      await desk(staff).locator('[data-testid="sheet-booked"]').tap();
      expect(await desk(staff).innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'desk-5-tomorrow-unsent');
      await staff.context().close();
    },
    STEP,
  );

  it(
    'lists under 待处理 a booking that the shortened hours left out; the staff opens it and cancels it for her, with the reason',
    async () => {
      const other = await openCentre(suite.api, { name: '测试调整服务中心' }); // 08:00–22:00 every day
      const sun = await resident(suite.api, '孙阿姨');
      const b = await booked(suite.api, sun.token, { centreId: other.id, offeringId: 'shebao', date: tomorrow(), start: '20:00' });
      const shorter = [{ start: '08:00', end: '18:00', slotMinutes: 30, windows: 5 }];
      const body = { ...centreSettings({ name: '测试调整服务中心', rules: { workday: shorter, restday: shorter, holiday: shorter } }), version: other.version };
      expect((await suite.api.call('PUT', `/centres/${other.id}`, { token: await suite.api.tokenFor('community_admin'), body })).status).toBe(200);

      const p = await phoneAs('service_staff');
      await p.locator('[data-testid="open-booking-desk"]').tap();
      await desk(p).locator(`[data-testid="desk-centre-${centre.id}"]`).tap();
      await desk(p).locator('[data-testid="day-sheet"]').waitFor();
      expect(await desk(p).locator('[data-testid="displaced"]').count()).toBe(0); // nothing to do at the first centre
      await desk(p).locator(`[data-testid="desk-centre-${other.id}"]`).tap();
      const list = desk(p).locator('[data-testid="displaced"]');
      await list.waitFor();
      await expect(list.locator('.title').innerText()).resolves.toBe('待处理：设置变更后不再符合的预约（1）');
      const item = list.locator('[data-testid="displaced-item"]');
      await expect(item.innerText()).resolves.toMatch(/孙阿姨\s*处理 ›\s*明天 \d+月\d+日 周[一二三四五六日] 20:00–20:30 · 社保医保办理\s*该时段已不开放/);
      expect(await desk(p).innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'desk-6-displaced');

      await item.tap();
      const detail = p.locator('[data-testid="booking-detail"]:visible');
      await expect(detail.locator('[data-testid="booking-why"]').innerText()).resolves.toBe('待处理：该时段已不开放。请为居民改约或取消。');
      await expect(detail.locator('[data-testid="booking-actions"]').innerText()).resolves.toContain('您在为 孙阿姨 处理：改约或取消后，居民会收到通知。');
      await detail.locator('[data-testid="booking-reschedule"]').waitFor();
      await toastsGone(p);
      await shot(p, 'desk-7-displaced-booking');
      await detail.locator('[data-testid="booking-cancel"]').tap();
      await expect(modal(p).locator('.taro-modal__text').innerText()).resolves.toContain('取消 孙阿姨 的预约后，名额会让给其他居民，孙阿姨 会收到通知');
      const cancelled = p.waitForResponse((r) => r.url().endsWith('/cancellation'));
      await answerModal(p, 'confirm');
      const res = await cancelled;
      expect(res.status()).toBe(200);
      expect(res.request().postDataJSON()).toMatchObject({ reason: '该时段已不开放' });
      await detail.locator('[data-testid="booking-status"]', { hasText: '已取消' }).waitFor();
      expect(await detail.locator('[data-testid="booking-again"]').count()).toBe(0); // 重新预约 is for the resident
      const hers = await suite.api.call('GET', `/bookings/${b.id}`, { token: sun.token });
      expect(hers.body.booking.history.at(-1).what).toBe('服务中心取消：该时段已不开放');

      await p.goBack();
      await desk(p).locator('[data-testid="day-sheet"]').waitFor();
      await list.waitFor({ state: 'detached' });
      await p.context().close();
    },
    STEP,
  );
});
