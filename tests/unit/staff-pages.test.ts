/**
 * The pure parts of the staff pages: durations and rates as a person says them, the words asked
 * before irreversible steps, what a shared request or station says, the street's sums, and legacy
 * amenity names read as today's.
 */
import { AmenityInput, CreateStationBody, durationWords, NearbyQuery, PatchStationBody, rateWords, readAmenity, type RequestDetail } from '@linli/shared';
import { confirmations, hasMovedOn, levelAbove, requestShare } from '../../client/src/packages/request-detail/wording';
import { stationShare } from '../../client/src/packages/station-detail/share';
import { sumCounters } from '../../functions/src/requests/domain/metrics-street';
import { withCurrentAmenity } from '../../functions/src/stations/domain/report';
import { type Station, withCurrentAmenities } from '../../functions/src/stations/domain/station';
import { stations as demoStations } from '../../infra/local/demo-data';

describe('durationWords: a duration as a person says it', () => {
  it.each([
    [0.75, '45 分钟'],
    [3.5, '3.5 小时'],
    [48, '2 天'],
    [0.01, '1 分钟'],
    [0.004, '不到 1 分钟'],
    [0, '不到 1 分钟'],
    [1, '1 小时'],
    [1.25, '1.3 小时'],
    [0.9958, '1 小时'], // 59.75 minutes round to an hour, not "60 分钟"
    [23.96, '1 天'], // 24.0 hours are a day, not "24 小时"
    [36, '1.5 天'],
    [240.5, '10 天'],
  ])('%p hours → %p', (hours, words) => {
    expect(durationWords(hours)).toBe(words);
  });

  it('says nothing made up for an unknown average', () => {
    for (const x of [null, undefined, NaN, -1, Infinity]) expect(durationWords(x)).toBe('—');
  });

  it('never says "0.01 小时" nor a unit with more than one decimal', () => {
    for (let minutes = 0; minutes < 60 * 24 * 40; minutes += 7) {
      const words = durationWords(minutes / 60);
      expect(words).toMatch(/^(不到 1 分钟|\d+ 分钟|\d+(\.\d)? 小时|\d+(\.\d)? 天)$/);
      expect(words).not.toMatch(/^0(\.\d+)? /);
    }
  });
});

describe('rateWords', () => {
  it('gives one decimal, and a dash when there is nothing to count', () => {
    expect(rateWords(1)).toBe('100.0%');
    expect(rateWords(0.9549)).toBe('95.5%');
    expect(rateWords(0)).toBe('0.0%');
    expect(rateWords(null)).toBe('—');
  });
});

describe('words before an irreversible step', () => {
  it('names where an escalation goes', () => {
    expect(levelAbove({ level: 'grid', gridId: 'g' })).toBe('community');
    expect(levelAbove({ level: 'property', gridId: 'g' })).toBe('grid');
    expect(levelAbove({ level: 'property', gridId: null })).toBe('community');
    expect(levelAbove({ level: 'community', gridId: 'g' })).toBe('street');
    expect(levelAbove({ level: 'street', gridId: 'g' })).toBeNull();
    expect(confirmations.escalate({ level: 'grid', gridId: 'g' }, '需社区协调').content).toContain('上报到社区办理');
  });

  it('says what happens, with the reason given, and keeps the button to 4 characters', () => {
    const all = [
      confirmations.refuse('属物业管理'),
      confirmations.escalate({ level: 'community', gridId: null }, '需街道协调'),
      confirmations.handOver('名山社区第二网格'),
      confirmations.assign('名山社区第二网格'),
      confirmations.dispatch('城管局', ['供电局']),
      confirmations.merge('名山小区3栋门口路灯坏了一周，晚上很黑，居民出行不便'),
      confirmations.withdraw(),
      confirmations.resolve('已更换灯头，恢复照明'),
    ];
    for (const c of all) {
      expect(c.confirmText.length).toBeLessThanOrEqual(4);
      expect(c.content.length).toBeGreaterThan(10);
    }
    expect(all[0]!.content).toContain('属物业管理');
    expect(all[2]!.content).toContain('转交给名山社区第二网格');
    expect(all[4]!.content).toBe('事项将派往城管局牵头办理，供电局协同，各部门需报到。');
    expect(all[5]!.content).toContain('不能撤销');
    expect(all[7]!.content).toBe('办结后将请反映人评价，不满意会重新办理。办理结果：“已更换灯头，恢复照明”');
  });

  it('tells a refusal of a moved-on item from a refusal of the step', () => {
    expect(hasMovedOn({ version: 3 }, { version: 4 })).toBe(true);
    expect(hasMovedOn({ version: 3 }, { version: 3 })).toBe(false);
  });
});

describe('sharing', () => {
  const request = {
    id: 'rq-1',
    categoryName: '路灯损坏',
    status: 'accepted',
    description: '我家门口路灯坏了',
    reporterName: '张秀英',
    reporterPhone: '13808131234',
    address: '名山小区3栋2单元301',
  } as unknown as RequestDetail;

  it('a request says its category and status only, and opens its page', () => {
    const share = requestShare(request);
    expect(share).toEqual({ title: '路灯损坏 · 办理中', path: '/packages/request-detail/index?id=rq-1' });
    for (const secret of ['张', '1380813', '301', '门口']) expect(share.title).not.toContain(secret);
  });

  it('a station says its name and address and opens its page', () => {
    expect(stationShare({ id: 'sn-001', name: '暖新驿站·名山中路站', address: '峨眉山市名山中路128号' })).toEqual({
      title: '暖新驿站·名山中路站（峨眉山市名山中路128号）',
      path: '/packages/station-detail/index?id=sn-001',
    });
  });
});

describe("the street's sums", () => {
  it('adds every counter of every community', () => {
    expect(sumCounters([{ filed: 2, accepted: 1, cat_a: 2 }, { filed: 3, refused: 1, cat_a: 1, cat_b: 2 }, {}])).toEqual({
      filed: 5,
      accepted: 1,
      refused: 1,
      cat_a: 3,
      cat_b: 2,
    });
  });
});

describe('phone and e-bike charging are separate; the legacy `charging` is phone charging', () => {
  it('reads `charging` as phone charging in queries and bodies, and keeps the new names', () => {
    expect(readAmenity('charging')).toBe('phone_charging');
    expect(readAmenity('ebike_charging')).toBe('ebike_charging');
    expect(AmenityInput.parse('charging')).toBe('phone_charging');
    expect(AmenityInput.safeParse('sauna').success).toBe(false);
    expect(NearbyQuery.parse({ lat: '29.6', lng: '103.48', amenities: 'charging,ebike_charging' }).amenities).toEqual(['phone_charging', 'ebike_charging']);
    expect(PatchStationBody.parse({ outOfOrder: [{ amenity: 'charging' }] }).outOfOrder).toEqual([{ amenity: 'phone_charging' }]);
    const body = CreateStationBody.parse({
      name: '测试驿站',
      address: '峨眉山市测试路1号',
      location: { lat: 29.6, lng: 103.48 },
      amenities: ['charging', 'water'],
      hours: { kind: 'always' },
    });
    expect(body.amenities).toEqual(['phone_charging', 'water']);
  });

  it('reads a stored station and report of before the split as today’s', () => {
    const stored = {
      ...demoStations[0]!,
      amenities: ['water', 'charging', 'phone_charging'],
      outOfOrder: { charging: { since: '2026-11-20T06:20:00.000Z', note: '插座坏了' } },
      openIssues: { r1: { reportId: 'r1', type: 'amenity_broken', amenity: 'charging', text: '不通电', since: '2026-11-21T00:00:00.000Z' } },
    } as unknown as Station;
    const read = withCurrentAmenities(stored);
    expect(read.amenities).toEqual(['water', 'phone_charging']);
    expect(read.outOfOrder).toEqual({ phone_charging: { since: '2026-11-20T06:20:00.000Z', note: '插座坏了' } });
    expect(read.openIssues.r1!.amenity).toBe('phone_charging');
    expect(withCurrentAmenities(demoStations[0]!)).toBe(demoStations[0]); // today's names: untouched
    const report = withCurrentAmenity({ id: 'r1', stationId: 's', stationName: 'x', communityId: 'c', type: 'amenity_broken', amenity: 'charging' as never, text: 't', status: 'open', reportedBy: 'u', createdAt: '', closedAt: null, closedBy: null, resolution: null });
    expect(report.amenity).toBe('phone_charging');
  });

  it('the demo stations offer both kinds of charging, never the legacy name', () => {
    const all = demoStations.flatMap((s) => [...s.amenities, ...Object.keys(s.outOfOrder)]);
    expect(all).not.toContain('charging');
    expect(all).toContain('phone_charging');
    expect(all).toContain('ebike_charging');
  });
});
