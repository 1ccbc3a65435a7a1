/** Slot generation and booking rules of after-hours booking (pure domain). */
import { buildCalendar, CentreSettings, type Offering } from '@linli/shared';
import { openNote, rosterWarnings, settingsProblems } from '../../functions/src/booking/domain/centre';
import { beforeCutoff, blocksOn, bookingBar, instantOf, mayStillChange, onlineCapacity, slotsOn } from '../../functions/src/booking/domain/schedule';
import { CN_CALENDAR } from '../support/calendar';

const cst = (local: string): Date => new Date(`${local}+08:00`);

const centre = CentreSettings.parse({
  name: '名山社区党群服务中心',
  address: '名山路 88 号',
  location: { lat: 29.6, lng: 103.48 },
  staffTotal: 9,
  rooms: [{ id: 'mediation', name: '人民调解室', capacity: 1 }],
  offerings: [
    { id: 'shebao', name: '社保医保办理', minutes: 20 },
    { id: 'tiaojie', name: '人民调解', minutes: 30, room: 'mediation' },
  ],
  rules: {
    workday: [{ start: '17:30', end: '20:00', slotMinutes: 30, windows: 2 }],
    restday: [{ start: '09:00', end: '12:00', slotMinutes: 60, windows: 3 }],
    holiday: [{ start: '10:00', end: '12:00', slotMinutes: 60, windows: 2 }],
  },
  exceptions: [
    { date: '2026-12-08', kind: 'closed', note: '设备检修' },
    { date: '2026-12-09', kind: 'hours', blocks: [{ start: '18:00', end: '21:00', slotMinutes: 30, windows: 1 }], note: '加开一晚' },
  ],
});
const shebao = centre.offerings[0]! as Offering;
const tiaojie = centre.offerings[1]! as Offering;
const starts = (date: string, o = shebao, cal = CN_CALENDAR) => slotsOn(centre, o, date, cal).map((s) => s.start);

describe('slots of a day', () => {
  it('gives weekday evenings until 20:00 in 30-minute slots, weekends by the weekend rule', () => {
    expect(starts('2026-12-07')).toEqual(['17:30', '18:00', '18:30', '19:00', '19:30']); // Monday
    expect(slotsOn(centre, shebao, '2026-12-07', CN_CALENDAR)[4]).toEqual({ date: '2026-12-07', start: '19:30', end: '20:00', pool: 'windows', capacity: 2 });
    expect(starts('2026-12-05')).toEqual(['09:00', '10:00', '11:00']); // Saturday
  });

  it('runs the holiday rota on public holidays and the working-day rule on a make-up working day (调休)', () => {
    expect(starts('2026-10-01')).toEqual(['10:00', '11:00']); // 国庆节
    expect(blocksOn(centre, '2026-10-01', CN_CALENDAR).label).toBe('法定节假日');
    expect(starts('2026-10-10')).toEqual(['17:30', '18:00', '18:30', '19:00', '19:30']); // Saturday worked
    expect(blocksOn(centre, '2026-10-10', CN_CALENDAR).label).toBe('调休上班');
    const noHolidayRota = { ...centre, rules: { ...centre.rules, holiday: null } };
    expect(slotsOn(noHolidayRota, shebao, '2026-10-01', CN_CALENDAR).map((s) => s.start)).toEqual(['09:00', '10:00', '11:00']);
  });

  it('applies date exceptions: closed, and an extra evening', () => {
    expect(starts('2026-12-08')).toEqual([]);
    expect(blocksOn(centre, '2026-12-08', CN_CALENDAR).label).toBe('工作日 · 设备检修');
    expect(starts('2026-12-09')).toEqual(['18:00', '18:30', '19:00', '19:30', '20:00', '20:30']);
  });

  it('crosses into 2027 by the calendar loaded for it, and counts Monday–Friday where none is', () => {
    expect(starts('2026-12-31')).toHaveLength(5); // Thursday
    expect(starts('2027-01-01')).toHaveLength(5); // Friday: no 2027 arrangement loaded, a working day
    const with2027 = buildCalendar([
      { year: 2026, holidays: [], workdays: [] },
      { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] },
    ]);
    expect(starts('2027-01-01', shebao, with2027)).toEqual(['10:00', '11:00']);
  });

  it('gives a room its own capacity, open while the centre is staffed', () => {
    expect(slotsOn(centre, tiaojie, '2026-12-07', CN_CALENDAR).map((s) => [s.pool, s.capacity])[0]).toEqual(['room-mediation', 1]);
  });

  it('keeps the walk-in share back, rounding in favour of walk-ins', () => {
    expect([onlineCapacity(5, 0), onlineCapacity(5, 0.3), onlineCapacity(2, 0.5), onlineCapacity(1, 0.3), onlineCapacity(3, 0.8)]).toEqual([5, 3, 1, 0, 0]);
  });
});

describe('booking bars and cut-offs', () => {
  const policy = { aheadDays: 14, bookCutoffMinutes: 30 };
  it('refuses a started slot, one inside the cut-off, and one beyond the booking horizon', () => {
    const slot = { date: '2026-12-07', start: '19:30' };
    expect(instantOf('2026-12-07', '19:30').toISOString()).toBe('2026-12-07T11:30:00.000Z');
    expect(bookingBar(slot, policy, cst('2026-12-07T19:30:00'))).toBe('slot_started');
    expect(bookingBar(slot, policy, cst('2026-12-07T19:00:00'))).toBe('past_cutoff');
    expect(bookingBar(slot, policy, cst('2026-12-07T18:59:00'))).toBeNull();
    expect(bookingBar({ date: '2026-12-21', start: '17:30' }, policy, cst('2026-12-07T08:00:00'))).toBeNull();
    expect(bookingBar({ date: '2026-12-22', start: '17:30' }, policy, cst('2026-12-07T08:00:00'))).toBe('too_far_ahead');
    // 23:30 UTC is the next morning in Shanghai: the horizon counts from the Shanghai date.
    expect(bookingBar({ date: '2026-12-22', start: '17:30' }, policy, new Date('2026-12-07T23:30:00Z'))).toBeNull();
  });

  it('lets a resident cancel or move only before the cut-off', () => {
    expect(beforeCutoff({ date: '2026-12-07', start: '19:30' }, 60, cst('2026-12-07T18:29:00'))).toBe(true);
    expect(beforeCutoff({ date: '2026-12-07', start: '19:30' }, 60, cst('2026-12-07T18:30:00'))).toBe(false);
  });
});

describe('centre settings', () => {
  it('names rooms that do not exist, duplicate ids, overlapping blocks and duplicate exception dates', () => {
    const bad = CentreSettings.parse({
      ...centre,
      offerings: [...centre.offerings, { id: 'shebao', name: '重复', minutes: 10 }, { id: 'falv', name: '法律咨询', minutes: 30, room: 'legal' }],
      rules: { ...centre.rules, workday: [{ start: '17:30', end: '20:00', slotMinutes: 30, windows: 2 }, { start: '19:00', end: '21:00', slotMinutes: 30, windows: 1 }] },
      exceptions: [...centre.exceptions, { date: '2026-12-08', kind: 'hours', blocks: [] }],
    });
    expect(settingsProblems(bad)).toEqual([
      { field: 'offerings.2.id', message: '项目编号重复' },
      { field: 'offerings.3.room', message: '没有这个房间' },
      { field: 'rules.workday', message: '时间段有重叠' },
      { field: 'exceptions.2.date', message: '同一天只能有一条例外' },
      { field: 'exceptions.2.blocks', message: '请填写当天的开放时间' },
    ]);
    expect(settingsProblems(centre)).toEqual([]);
  });

  it('warns when a weekend or holiday shift has fewer than a third of the staff on rota', () => {
    expect(rosterWarnings(centre, '2026-12-01')).toEqual([]); // 3 windows + 1 room ≥ 3; holiday 2 + 1 ≥ 3
    const thin = { ...centre, staffTotal: 15 };
    expect(rosterWarnings(thin, '2026-12-01')).toEqual([
      '周末 09:00–12:00 在岗 4 人，少于全部 15 人的三分之一（5 人）',
      '法定节假日 10:00–12:00 在岗 3 人，少于全部 15 人的三分之一（5 人）',
    ]);
  });

  it('tells residents when the centre is next open', () => {
    expect(openNote(centre, cst('2026-12-07T15:00:00'), CN_CALENDAR)).toBe('今天 17:30–20:00 开放');
    expect(openNote(centre, cst('2026-12-07T18:10:00'), CN_CALENDAR)).toBe('今天开放至 20:00');
    expect(openNote(centre, cst('2026-12-07T20:30:00'), CN_CALENDAR)).toBe('12月12日（周末）09:00 开放');
    expect(openNote(centre, cst('2026-12-11T21:00:00'), CN_CALENDAR)).toBe('明天（周末）09:00 开放');
  });
});

describe('enrolments: activities, terms and daily orders', () => {
  const withKinds = CentreSettings.parse({
    ...centre,
    offerings: [
      ...centre.offerings,
      { id: 'zhongqiu', name: '中秋游园会', minutes: 120, kind: 'session', sessions: [{ date: '2026-12-19', start: '14:00', end: '16:00', seats: 30 }] },
      { id: 'sidianban', name: '四点半课堂', minutes: 90, kind: 'term', term: { from: '2027-03-01', to: '2027-06-30', weekdays: [1, 2, 3, 4, 5], start: '16:30', end: '18:00', seats: 20 } },
      { id: 'zhucan', name: '老年助餐', minutes: 60, kind: 'daily', daily: { weekdays: [1, 2, 3, 4, 5], start: '11:30', end: '12:30', seats: 80, cutoff: '15:00' } },
    ],
  });
  const of = (id: string) => withKinds.offerings.find((o) => o.id === id)! as Offering;

  it('gives a session its own time and seats on its date, whatever the opening rules', () => {
    expect(slotsOn(withKinds, of('zhongqiu'), '2026-12-19', CN_CALENDAR)).toEqual([
      { date: '2026-12-19', start: '14:00', end: '16:00', pool: 'seats-zhongqiu', capacity: 30, anyHorizon: true },
    ]);
    expect(slotsOn(withKinds, of('zhongqiu'), '2026-12-20', CN_CALENDAR)).toEqual([]);
  });

  it('enrols a term once, on its first day, open until it starts whatever the horizon', () => {
    const [slot] = slotsOn(withKinds, of('sidianban'), '2027-03-01', CN_CALENDAR);
    expect(slot).toMatchObject({ start: '16:30', capacity: 20, pool: 'seats-sidianban' });
    expect(bookingBar(slot!, { aheadDays: 14, bookCutoffMinutes: 0 }, cst('2026-12-07T10:00:00'))).toBeNull();
    expect(slotsOn(withKinds, of('sidianban'), '2027-03-02', CN_CALENDAR)).toEqual([]);
  });

  it('takes daily orders on the listed weekdays until the cut-off the day before, and lets them be cancelled until then', () => {
    const [meal] = slotsOn(withKinds, of('zhucan'), '2026-12-08', CN_CALENDAR); // Tuesday
    expect(meal).toMatchObject({ start: '11:30', capacity: 80, closesAt: '2026-12-07T07:00:00.000Z' });
    expect(slotsOn(withKinds, of('zhucan'), '2026-12-12', CN_CALENDAR)).toEqual([]); // Saturday
    expect(bookingBar(meal!, { aheadDays: 14, bookCutoffMinutes: 0 }, cst('2026-12-07T14:59:00'))).toBeNull();
    expect(bookingBar(meal!, { aheadDays: 14, bookCutoffMinutes: 0 }, cst('2026-12-07T15:00:00'))).toBe('past_cutoff');
    expect(mayStillChange(of('zhucan'), meal!, 60, cst('2026-12-07T14:59:00'))).toBe(true);
    expect(mayStillChange(of('zhucan'), meal!, 60, cst('2026-12-07T15:01:00'))).toBe(false);
  });

  it('names a kind without its dates', () => {
    const bad = CentreSettings.parse({ ...centre, offerings: [...centre.offerings, { id: 'x', name: '空活动', minutes: 30, kind: 'session' }] });
    expect(settingsProblems(bad)).toEqual([{ field: 'offerings.2.sessions', message: '请填写活动的日期、时间和名额' }]);
  });
});
