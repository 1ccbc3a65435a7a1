/**
 * The filing form's pure rules (client/src/packages/request-new/logic.ts) and the request number and
 * staff-only rules of the requests domain (functions/src/requests/domain/filing.ts).
 */
import { REQUEST_LIMITS, type Role } from '@linli/shared';
import {
  deadlineInWords,
  type Draft,
  emergencyNumbers,
  emptyDraft,
  frameOf,
  fromPlan,
  handlerInWords,
  hasContent,
  keyForContent,
  lengthHint,
  nudge,
  outlineSvg,
  parseDraft,
  ruleInWords,
  spanInWords,
  toPlan,
} from '../../client/src/packages/request-new/logic';
import { filesStaffOnly, offeredTo, requestNumber, staffOnlyRefusal } from '../../functions/src/requests/domain/filing';
import type { Actor } from '../../functions/src/platform/domain/actor';

describe('lengthHint: what the form says under a text field as the resident types', () => {
  const address = { max: REQUEST_LIMITS.address.max };
  it('says nothing far from the limit, counts near it, and says by how much it is over', () => {
    expect(lengthHint('名山小区3栋', address, '地址')).toEqual({ count: 6, counter: null, over: 0, error: null });
    expect(lengthHint('字'.repeat(95), address, '地址').counter).toBeNull();
    expect(lengthHint('字'.repeat(96), address, '地址').counter).toBe('96/120');
    expect(lengthHint('字'.repeat(118), address, '地址')).toMatchObject({ counter: '118/120', over: 0, error: null });
    expect(lengthHint('字'.repeat(120), address, '地址').error).toBeNull();
    expect(lengthHint('字'.repeat(121), address, '地址')).toEqual({ count: 121, counter: '121/120', over: 1, error: '地址最多 120 个字，已超出 1 个字，请删减' });
  });
  it('counts as the server does: surrounding spaces do not count', () => {
    expect(lengthHint(`  ${'字'.repeat(120)}  `, address, '地址').error).toBeNull();
  });
  it('asks for the minimum only after a submit tap', () => {
    const d = REQUEST_LIMITS.description;
    expect(lengthHint('路灯', d, '问题描述').error).toBeNull();
    expect(lengthHint('路灯', d, '问题描述', true).error).toBe('问题描述至少 5 个字，还差 3 个字');
    expect(lengthHint('', d, '问题描述', true).error).toBe('请填写问题描述，至少 5 个字');
    expect(lengthHint('路灯坏了一周', d, '问题描述', true).error).toBeNull();
    expect(lengthHint('字'.repeat(501), d, '问题描述', true).error).toBe('问题描述最多 500 个字，已超出 1 个字，请删减');
  });
});

describe('the plan the problem is pinned on', () => {
  // 名山社区第一网格 as the API draws it (a rectangle about 770 m × 1.1 km).
  const outline = [
    { lat: 29.6, lng: 103.47 },
    { lat: 29.6, lng: 103.478 },
    { lat: 29.61, lng: 103.478 },
    { lat: 29.61, lng: 103.47 },
  ];
  const frame = frameOf(outline, { lat: 29.6, lng: 103.48 }, 'gcj02', '名山社区第一网格');

  it('frames the grid with a margin, centred on it, in its datum', () => {
    expect(frame.center).toEqual({ lat: expect.closeTo(29.605, 9), lng: expect.closeTo(103.474, 9) });
    expect(frame.datum).toBe('gcj02');
    expect(frame.halfSpanM).toBeGreaterThan(552); // half of the grid's 1.1 km height, with a margin
    expect(frame.halfSpanM).toBeLessThan(700);
    for (const p of outline) {
      const at = toPlan(frame, p);
      expect(at.x).toBeGreaterThan(0);
      expect(at.x).toBeLessThan(1);
      expect(at.y).toBeGreaterThan(0);
      expect(at.y).toBeLessThan(1);
    }
    expect(spanInWords(frame)).toMatch(/^图宽约 1\.\d 公里$/);
  });

  it('without a grid, draws 3 km around the fallback point', () => {
    const f = frameOf(null, { lat: 29.6, lng: 103.48 }, 'wgs84', '市中心附近');
    expect(f).toMatchObject({ center: { lat: 29.6, lng: 103.48 }, datum: 'wgs84', halfSpanM: 1500, outline: null });
    expect(outlineSvg(f)).toBeNull();
    expect(spanInWords(f)).toBe('图宽约 3.0 公里');
  });

  it('turns a tap on the plan into a point and back, north up', () => {
    expect(fromPlan(frame, { x: 0.5, y: 0.5 })).toEqual({ lat: 29.605, lng: 103.474, datum: 'gcj02' });
    const ne = fromPlan(frame, { x: 0.75, y: 0.25 });
    expect(ne.lat).toBeGreaterThan(29.605);
    expect(ne.lng).toBeGreaterThan(103.474);
    const back = toPlan(frame, ne);
    expect(back.x).toBeCloseTo(0.75, 4);
    expect(back.y).toBeCloseTo(0.25, 4);
    // Outside the plan is kept on its edge.
    expect(toPlan(frame, fromPlan(frame, { x: 1.4, y: -0.3 }))).toEqual({ x: expect.closeTo(1, 4), y: expect.closeTo(0, 4) });
  });

  it('moves the pin a twentieth of the plan per button press', () => {
    const start = fromPlan(frame, { x: 0.5, y: 0.5 });
    const up = toPlan(frame, nudge(frame, start, 'up'));
    expect(up.x).toBeCloseTo(0.5, 4);
    expect(up.y).toBeCloseTo(0.45, 4);
    expect(toPlan(frame, nudge(frame, start, 'right')).x).toBeCloseTo(0.55, 4);
    expect(nudge(frame, start, 'down').lat).toBeLessThan(start.lat);
    expect(nudge(frame, start, 'left').lng).toBeLessThan(start.lng);
  });

  it('draws the outline to scale with its name, escaped', () => {
    const svg = outlineSvg({ ...frame, label: '<第一网格>' })!;
    expect(svg).toContain('<polygon points="');
    expect(svg).toContain('&lt;第一网格&gt;');
  });
});

describe('the kept draft', () => {
  const full: Draft = {
    ...emptyDraft(),
    group: '设施维修',
    categoryId: 'fix-streetlight',
    compound: null,
    description: '路灯坏了一周',
    address: '名山小区3栋',
    photos: [{ key: 'uploads/u1/01ARZ3NDEKTSV4RRFFQ69G5FAV.jpg', preview: 'blob:x' }],
    pin: { lat: 29.605, lng: 103.474, datum: 'gcj02' },
    sent: { content: '{}', key: 'k-1-abcdefgh' },
    savedAt: '2026-12-03T06:00:00.000Z',
  };
  it('keeps only what holds something', () => {
    expect(hasContent(emptyDraft())).toBe(false);
    expect(hasContent({ ...emptyDraft(), group: '设施维修' })).toBe(false);
    expect(hasContent({ ...emptyDraft(), address: '3栋' })).toBe(true);
    expect(hasContent({ ...emptyDraft(), pin: full.pin })).toBe(true);
  });
  it('reads back what was stored, and nothing else', () => {
    expect(parseDraft(JSON.parse(JSON.stringify(full)))).toEqual(full);
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('')).toBeNull();
    expect(parseDraft({ ...full, v: 2 })).toBeNull();
    expect(parseDraft(emptyDraft())).toBeNull();
    const odd = parseDraft({ v: 1, description: '路灯坏了', photos: [{ key: 1 }, null], pin: { lat: 1 }, anonymous: 'yes', compound: 3 })!;
    expect(odd).toMatchObject({ description: '路灯坏了', photos: [], pin: null, anonymous: false, categoryId: null });
    expect('compound' in odd).toBe(false);
  });
});

describe('one idempotency key per form content', () => {
  let n = 0;
  const make = () => `k-${++n}`;
  it('keeps the key for the same content (a double tap, a retry) and makes a new one when anything changed', () => {
    const body = { categoryId: 'fix-road', description: '路面坑洼', location: { lat: 1, lng: 2 } };
    const first = keyForContent(null, body, make);
    expect(keyForContent(first, { ...body }, make)).toBe(first);
    const edited = keyForContent(first, { ...body, description: '路面坑洼很深' }, make);
    expect(edited.key).not.toBe(first.key);
    expect(keyForContent(edited, body, make).key).not.toBe(first.key); // back to old words: a new filing, a new key
  });
});

describe('emergencies', () => {
  it('offers all three numbers, the one for the kind first', () => {
    expect(emergencyNumbers('gas').map((n) => n.number)).toEqual(['119', '120', '110']);
    expect(emergencyNumbers('medical').map((n) => n.number)).toEqual(['120', '119', '110']);
    expect(emergencyNumbers('police').map((n) => n.number)).toEqual(['110', '119', '120']);
    expect(emergencyNumbers(null).map((n) => `${n.number}${n.label}`)).toEqual(['119火警', '120急救', '110报警']);
  });
});

describe('the receipt in words', () => {
  const now = new Date('2026-12-03T06:20:00Z'); // Thursday 14:20 in China
  it('says the accept deadline as a resident would', () => {
    expect(deadlineInWords('2026-12-03T08:20:00Z', now)).toBe('今天 16:20 前');
    expect(deadlineInWords('2026-12-04T10:00:00Z', now)).toBe('明天 18:00 前');
    expect(deadlineInWords('2026-12-05T10:00:00Z', now)).toBe('后天 18:00 前');
    expect(deadlineInWords('2026-12-07T10:00:00Z', now)).toBe('12月7日（周一）18:00 前');
    // Just past China midnight is already tomorrow.
    expect(deadlineInWords('2026-12-03T16:30:00Z', now)).toBe('明天 00:30 前');
    expect(ruleInWords({ hours: 2 })).toBe('2 小时内');
    expect(ruleInWords({ workdays: 1 })).toBe('1 个工作日内');
  });
  it('names who takes it', () => {
    const mine = { id: 'gd-ms-1', name: '名山社区第一网格', worker: '刘洋' };
    expect(handlerInWords({ level: 'grid', gridId: 'gd-ms-1', compound: null }, mine)).toBe('名山社区第一网格网格员 刘洋');
    expect(handlerInWords({ level: 'grid', gridId: 'gd-ms-2', compound: null }, mine)).toBe('问题所在网格的网格员');
    expect(handlerInWords({ level: 'property', gridId: 'gd-ms-1', compound: '名山小区' }, mine)).toBe('名山小区物业');
    expect(handlerInWords({ level: 'community', gridId: null, compound: null }, null)).toBe('社区工作人员');
  });
});

describe('requests domain: staff-only categories and request numbers', () => {
  const actor = (...roles: Role[]): Actor => ({ userId: 'u', roles, streetId: 's', communityId: 'c', gridId: 'g' });
  const cats = [
    { id: 'fix-road', staffOnly: false },
    { id: 'hotline-other', staffOnly: true },
  ];
  it('offers staff-only categories to the staff who file hotline items only', () => {
    expect(filesStaffOnly(actor('grid_worker'))).toBe(true);
    expect(filesStaffOnly(actor('community_admin'))).toBe(true);
    expect(filesStaffOnly(actor('street_admin'))).toBe(true);
    for (const r of ['resident', 'building_leader', 'parttime_grid_worker', 'volunteer', 'property_staff'] as Role[]) expect(filesStaffOnly(actor(r))).toBe(false);
    expect(offeredTo(actor('resident'), cats).map((c) => c.id)).toEqual(['fix-road']);
    expect(offeredTo(actor('grid_worker'), cats).map((c) => c.id)).toEqual(['fix-road', 'hotline-other']);
    expect(staffOnlyRefusal('12345 热线转办（待分类）').fields).toEqual([{ field: 'categoryId', message: '“12345 热线转办（待分类）”仅供工作人员使用，请选择其他问题类别' }]);
  });
  it('numbers requests by China day and sequence, at least four digits', () => {
    expect(requestNumber('2026-12-03', 42)).toBe('20261203-0042');
    expect(requestNumber('2026-12-03', 1)).toBe('20261203-0001');
    expect(requestNumber('2026-12-31', 12345)).toBe('20261231-12345');
  });
});
