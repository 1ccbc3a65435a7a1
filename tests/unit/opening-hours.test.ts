import { CN_CALENDAR } from '../support/calendar';
import { type OpeningHours } from '@linli/shared';
import { dayType, isOpenAt, shanghaiTime } from '../../functions/src/platform/domain/opening-hours';

/** An instant given as Asia/Shanghai wall-clock time. */
const cst = (local: string): Date => new Date(`${local}+08:00`);

const office: OpeningHours = {
  kind: 'schedule',
  workday: [
    { open: '08:30', close: '12:00' },
    { open: '14:00', close: '20:00' },
  ],
  restday: [{ open: '09:00', close: '17:00' }],
  holiday: [],
};
const night: OpeningHours = {
  kind: 'schedule',
  workday: [{ open: '17:00', close: '02:00' }],
  restday: [{ open: '11:00', close: '02:00' }],
};

describe('shanghaiTime', () => {
  it('reads the wall clock in UTC+8 across the date line of UTC', () => {
    expect(shanghaiTime(new Date('2026-11-23T17:30:00Z'))).toEqual({ date: '2026-11-24', minutes: 90, weekday: 2 });
  });
});

describe('dayType', () => {
  it('knows public holidays, adjusted workdays and weekends', () => {
    expect(dayType('2026-10-01', 4, CN_CALENDAR)).toBe('holiday');
    expect(dayType('2026-10-10', 6, CN_CALENDAR)).toBe('workday'); // Saturday worked (调休)
    expect(dayType('2026-11-28', 6, CN_CALENDAR)).toBe('restday');
    expect(dayType('2026-11-24', 2, CN_CALENDAR)).toBe('workday');
  });
});

describe('isOpenAt', () => {
  it('is always open for 24-hour stations', () => {
    expect(isOpenAt({ kind: 'always' }, cst('2026-10-01T03:00:00'), CN_CALENDAR)).toBe(true);
  });

  it('follows split workday hours, closing exactly at the close time', () => {
    expect(isOpenAt(office, cst('2026-11-24T08:29:00'), CN_CALENDAR)).toBe(false);
    expect(isOpenAt(office, cst('2026-11-24T08:30:00'), CN_CALENDAR)).toBe(true);
    expect(isOpenAt(office, cst('2026-11-24T12:30:00'), CN_CALENDAR)).toBe(false);
    expect(isOpenAt(office, cst('2026-11-24T19:59:00'), CN_CALENDAR)).toBe(true);
    expect(isOpenAt(office, cst('2026-11-24T20:00:00'), CN_CALENDAR)).toBe(false);
  });

  it('uses rest-day hours at weekends', () => {
    expect(isOpenAt(office, cst('2026-11-28T18:00:00'), CN_CALENDAR)).toBe(false);
    expect(isOpenAt(office, cst('2026-11-28T10:00:00'), CN_CALENDAR)).toBe(true);
  });

  it('closes on public holidays when holiday hours are empty, even on a weekday', () => {
    expect(isOpenAt(office, cst('2026-10-01T10:00:00'), CN_CALENDAR)).toBe(false);
  });

  it('uses workday hours on a weekend day made a workday (调休)', () => {
    expect(isOpenAt(office, cst('2026-10-10T19:00:00'), CN_CALENDAR)).toBe(true);
  });

  it('falls back to rest-day hours on holidays when none are given', () => {
    expect(isOpenAt(night, cst('2026-10-02T12:00:00'), CN_CALENDAR)).toBe(true);
    expect(isOpenAt(night, cst('2026-10-02T10:00:00'), CN_CALENDAR)).toBe(false);
  });

  it('stays open past midnight into the next day, and closes at the close time', () => {
    expect(isOpenAt(night, cst('2026-11-24T23:30:00'), CN_CALENDAR)).toBe(true);
    expect(isOpenAt(night, cst('2026-11-25T01:59:00'), CN_CALENDAR)).toBe(true);
    expect(isOpenAt(night, cst('2026-11-25T02:00:00'), CN_CALENDAR)).toBe(false);
    expect(isOpenAt(night, cst('2026-11-25T16:59:00'), CN_CALENDAR)).toBe(false);
  });

  it('carries the previous day type past midnight (Friday night into Saturday)', () => {
    expect(isOpenAt(night, cst('2026-11-28T01:00:00'), CN_CALENDAR)).toBe(true);
  });
});
