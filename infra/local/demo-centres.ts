/** Demo service centres (党群服务中心) of the two demo communities, open for after-hours booking. */
import type { CentreRecord } from '../../functions/src/booking/domain/centre';
import { CentreSettings } from '@linli/shared';

const WINDOW_OFFERINGS = [
  { id: 'shebao', name: '社保医保办理', minutes: 20, bring: ['身份证', '社保卡'], where: '一楼综合窗口' },
  { id: 'youdai', name: '老年人优待证', minutes: 15, bring: ['身份证', '一寸照片一张'], where: '一楼综合窗口' },
  { id: 'canji', name: '残疾人服务', minutes: 20, bring: ['身份证', '残疾人证'], where: '一楼综合窗口' },
  { id: 'juzhu', name: '居住证明开具', minutes: 10, bring: ['身份证', '户口簿或租房合同'], where: '一楼综合窗口' },
];

const at = '2026-11-01T00:00:00.000Z';

/** The demo term of 四点半课堂: from the first day of the month after next, for four months (always ahead). */
export const DEMO_TERM = (() => {
  const from = new Date();
  from.setUTCMonth(from.getUTCMonth() + 2, 1);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 4, 0);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
})();

function centre(id: string, communityId: string, raw: unknown): CentreRecord {
  const s = CentreSettings.parse(raw);
  return { ...s, id, communityId, streetId: 'st-suishan', location: { lat: s.location.lat, lng: s.location.lng, datum: 'wgs84' }, version: 1, createdAt: at, updatedAt: at };
}

export const centres: CentreRecord[] = [
  centre('ct-mingshan', 'cm-mingshan', {
    name: '名山社区党群服务中心',
    address: '绥山镇名山路 88 号',
    location: { lat: 29.6052, lng: 103.4795, datum: 'wgs84' },
    phone: '0833-5520088',
    staffTotal: 9,
    rooms: [
      { id: 'legal', name: '法律咨询室', capacity: 1 },
      { id: 'mediation', name: '人民调解室', capacity: 1 },
    ],
    offerings: [
      ...WINDOW_OFFERINGS,
      { id: 'falv', name: '法律咨询', minutes: 30, bring: ['相关材料复印件'], where: '二楼法律咨询室', room: 'legal' },
      { id: 'tiaojie', name: '人民调解', minutes: 30, bring: ['身份证'], where: '二楼人民调解室', room: 'mediation' },
      {
        id: 'zhucan', name: '老年助餐', minutes: 60, bring: ['老年人优待证'], where: '一楼长者食堂', kind: 'daily',
        daily: { weekdays: [1, 2, 3, 4, 5], start: '11:30', end: '12:30', seats: 40, cutoff: '15:00' },
      },
      {
        id: 'sidianban', name: '四点半课堂', minutes: 90, bring: ['学生证或户口簿'], where: '三楼活动室', kind: 'term',
        term: { ...DEMO_TERM, weekdays: [1, 2, 3, 4, 5], start: '16:30', end: '18:00', seats: 30 },
      },
    ],
    rules: {
      workday: [{ start: '17:30', end: '20:00', slotMinutes: 30, windows: 2 }],
      restday: [
        { start: '09:00', end: '12:00', slotMinutes: 30, windows: 2 },
        { start: '14:00', end: '17:00', slotMinutes: 30, windows: 2 },
      ],
      holiday: null,
    },
    exceptions: [],
    policy: {},
  }),
  centre('ct-foguang', 'cm-foguang', {
    name: '佛光社区党群服务中心',
    address: '绥山镇佛光街 16 号',
    location: { lat: 29.5951, lng: 103.4822, datum: 'wgs84' },
    phone: '0833-5520166',
    staffTotal: 12,
    rooms: [{ id: 'mediation', name: '人民调解室', capacity: 1 }],
    offerings: [...WINDOW_OFFERINGS, { id: 'tiaojie', name: '人民调解', minutes: 30, bring: ['身份证'], where: '一楼调解室', room: 'mediation' }],
    rules: {
      workday: [{ start: '17:30', end: '20:00', slotMinutes: 30, windows: 2 }],
      restday: [{ start: '09:00', end: '12:00', slotMinutes: 60, windows: 2 }],
      holiday: null,
    },
    exceptions: [],
    policy: { walkInShare: 0.5 },
  }),
];
