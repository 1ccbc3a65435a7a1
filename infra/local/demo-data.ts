/**
 * The demo data set: one street (绥山镇) of 峨眉山市 with two communities, six grids with boundary
 * polygons, one demo user per role, and 44 rider rest stations spread over the city. All
 * coordinates are WGS-84. Deterministic, so tests can rely on it.
 */
import type { Amenity, OpeningHours, Role, TeamRole } from '@linli/shared';
import type { PropertyCompanyRecord, TeamMemberRecord } from '../../functions/src/identity/team-port';
import type { Station } from '../../functions/src/stations/domain/station';
import type { UserRecord } from '../../functions/src/identity/ports';
import type { CommunityRecord, GridRecord, StreetRecord } from '../../functions/src/identity/places-port';
import { demoOpenid } from './wechat-standin';
import { newUserRecord } from '../../functions/src/identity/domain/login';

export const DEMO_CENTER = { lat: 29.6, lng: 103.48 };

export const street: StreetRecord = { id: 'st-suishan', name: '绥山镇', city: '峨眉山市' };

export const communities: CommunityRecord[] = [
  { id: 'cm-mingshan', streetId: street.id, name: '名山社区' },
  { id: 'cm-foguang', streetId: street.id, name: '佛光社区' },
];

const rect = (south: number, west: number, north: number, east: number) => [
  { lat: south, lng: west },
  { lat: south, lng: east },
  { lat: north, lng: east },
  { lat: north, lng: west },
];

const PEOPLE = ['王建华', '李秀兰', '张志强', '刘丽萍', '陈永红', '杨德明', '赵玉梅', '黄国庆', '周淑芬', '吴海波', '徐春燕', '孙立新'];

export const grids: GridRecord[] = [
  ['gd-ms-1', 'cm-mingshan', '名山社区第一网格', 29.6, 103.47, 29.61, 103.478, 420],
  ['gd-ms-2', 'cm-mingshan', '名山社区第二网格', 29.6, 103.478, 29.61, 103.486, 515],
  ['gd-ms-3', 'cm-mingshan', '名山社区第三网格', 29.6, 103.486, 29.61, 103.494, 688],
  ['gd-fg-1', 'cm-foguang', '佛光社区第一网格', 29.59, 103.47, 29.6, 103.478, 376],
  ['gd-fg-2', 'cm-foguang', '佛光社区第二网格', 29.59, 103.478, 29.6, 103.486, 602],
  ['gd-fg-3', 'cm-foguang', '佛光社区第三网格', 29.59, 103.486, 29.6, 103.494, 451],
].map(([id, communityId, name, s, w, n, e, households], i) => ({
  id: id as string,
  communityId: communityId as string,
  streetId: street.id,
  name: name as string,
  households: households as number,
  boundary: rect(s as number, w as number, n as number, e as number),
  contacts: [
    { userId: `u-gl-${i + 1}`, name: PEOPLE[i * 2]!, role: 'grid_leader' as const, phone: `1390833${String(1000 + i * 2)}` },
    {
      userId: i === 0 ? 'u-demo-grid-worker' : `u-gw-${i + 1}`,
      name: i === 0 ? '刘洋' : PEOPLE[i * 2 + 1]!,
      role: 'grid_worker' as const,
      phone: `1390833${String(1001 + i * 2)}`,
    },
  ],
}));

/** A demo person beyond the one per role, signing in with the code `demo-u-<slug>` (id `u-demo-u-<slug>`). */
const extraUser = (slug: string, name: string, phone: string, scope: Partial<UserRecord>): UserRecord =>
  newUserRecord(`u-demo-${slug}`, demoOpenid(slug), new Date('2026-11-01T00:00:00.000Z'), {
    name, phone, roles: ['resident'], streetId: street.id, communityId: 'cm-mingshan', gridId: 'gd-ms-1', realName: true, ...scope,
  });

const demoUser = (role: Role, name: string, phone: string, scope: Partial<UserRecord>): UserRecord =>
  newUserRecord(`u-demo-${role.replace(/_/g, '-')}`, demoOpenid(role), new Date('2026-11-01T00:00:00.000Z'), {
    name, phone, roles: [role], streetId: street.id, communityId: 'cm-mingshan', gridId: 'gd-ms-1', realName: true, ...scope,
  });

export const users: UserRecord[] = [
  demoUser('resident', '张秀英', '13808131234', {
    address: { building: '名山小区3栋', unit: '2单元', room: '301' },
    registeredAt: '2026-11-01T00:00:00.000Z',
    verifiedAt: '2026-11-02T00:00:00.000Z',
    verifiedBy: 'u-demo-grid-worker',
  }),
  demoUser('rider', '李强', '13908132345', {}),
  demoUser('volunteer', '王桂芳', '13708133456', {}),
  demoUser('grid_worker', '刘洋', '13908331001', {}),
  demoUser('community_admin', '陈静', '13608134567', { gridId: null }),
  demoUser('station_keeper', '赵德明', '13508135678', { gridId: null }),
  demoUser('street_admin', '周建国', '13408136789', { communityId: null, gridId: null }),
  demoUser('platform_admin', '孙立平', '13308137890', { streetId: null, communityId: null, gridId: null }),
  demoUser('parttime_grid_worker', '马骏', '13908134001', {}),
  demoUser('building_leader', '黄淑珍', '13908134002', {}),
  demoUser('property_staff', '吴建军', '13908134003', { gridId: null, compound: '名山小区', companyId: 'pc-jinding' }),
  demoUser('service_staff', '郑晓红', '13908134004', { gridId: null }),
  demoUser('redemption_staff', '冯志强', '13908134005', { gridId: null }),
  demoUser('department_staff', '何卫东', '13908134006', { communityId: null, gridId: null, departmentId: 'cgj' }),
  // 社区民警 on the team of grids 1 and 2 (一员多格), taking public-safety and dispute items.
  demoUser('team_member', '罗志刚', '13908134007', { gridId: null }),
  // More demo logins (code demo-u-…): the sanitation member of grid 1's team, a gas company's staff member.
  extraUser('u-sanitation', '唐桂兰', '13908134008', { roles: ['team_member'], gridId: null }),
  extraUser('u-gas-staff', '钟永华', '13908134009', { roles: ['department_staff'], communityId: null, gridId: null, departmentId: 'rqgs' }),
];

/** The grid team (网格团队) of 名山社区: the grid worker, the police officer covering two grids, sanitation. */
export const teamMembers: TeamMemberRecord[] = [
  ['u-demo-grid-worker', '刘洋', '13908331001', 'grid_worker', ['gd-ms-1'], []],
  ['u-demo-team-member', '罗志刚', '13908134007', 'police_officer', ['gd-ms-1', 'gd-ms-2'], ['安全隐患', '矛盾纠纷']],
  ['u-demo-u-sanitation', '唐桂兰', '13908134008', 'sanitation', ['gd-ms-1'], ['环境卫生']],
].map(([userId, name, phone, teamRole, gridIds, specialties]) => ({
  userId: userId as string,
  name: name as string,
  phone: phone as string,
  communityId: 'cm-mingshan',
  teamRole: teamRole as TeamRole,
  gridIds: gridIds as string[],
  specialties: specialties as string[],
  addedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
}));

/** The demo property company (物业公司): 名山小区 in 名山社区 and 佛光花园 in 佛光社区; its staff log in as 物业工作人员. */
export const propertyCompanies: PropertyCompanyRecord[] = [
  { id: 'pc-jinding', name: '金顶物业服务有限公司', streetId: street.id, serves: [{ communityId: 'cm-mingshan', compounds: ['名山小区'] }, { communityId: 'cm-foguang', compounds: ['佛光花园'] }] },
  { id: 'pc-baoguo', name: '报国物业管理有限公司', streetId: street.id, serves: [{ communityId: 'cm-mingshan', compounds: ['名山新村'] }, { communityId: 'cm-foguang', compounds: ['报国小区'] }] },
];

export const KEEPER_ID = 'u-demo-station-keeper';

const H: Record<string, OpeningHours> = {
  always: { kind: 'always' },
  day20: { kind: 'schedule', workday: [{ open: '08:00', close: '20:00' }], restday: [{ open: '09:00', close: '20:00' }] },
  day22: { kind: 'schedule', workday: [{ open: '07:00', close: '22:00' }], restday: [{ open: '07:00', close: '22:00' }] },
  office: {
    kind: 'schedule',
    workday: [
      { open: '08:30', close: '12:00' },
      { open: '14:00', close: '20:00' },
    ],
    restday: [{ open: '09:00', close: '17:00' }],
    holiday: [],
  },
  night: { kind: 'schedule', workday: [{ open: '17:00', close: '02:00' }], restday: [{ open: '11:00', close: '02:00' }] },
};

type Row = [name: string, address: string, lat: number, lng: number, hours: keyof typeof H, amenities: Amenity[], phone: string | null];

const A = {
  basic: ['water', 'phone_charging', 'rest', 'toilet'] as Amenity[],
  full: ['water', 'phone_charging', 'ebike_charging', 'food_heating', 'rest', 'toilet', 'rain_shelter', 'first_aid', 'wifi'] as Amenity[],
  union: ['water', 'phone_charging', 'ebike_charging', 'rest', 'toilet', 'rain_shelter', 'repair_tools', 'first_aid', 'heatstroke_medicine'] as Amenity[],
  swap: ['ebike_charging', 'battery_swap', 'rain_shelter', 'water'] as Amenity[],
  grid: ['water', 'rest', 'repair_tools', 'first_aid', 'heatstroke_medicine', 'toilet'] as Amenity[],
};

const ROWS: Row[] = [
  ['暖新驿站·名山中路站', '峨眉山市名山中路128号', 29.6012, 103.4795, 'always', A.full, '0833-5521001'],
  ['暖新驿站·佛光南路站', '峨眉山市佛光南路56号', 29.5958, 103.4832, 'day20', A.full, '0833-5521002'],
  ['名山社区党群服务中心骑手之家', '峨眉山市名山西路9号', 29.6043, 103.4741, 'office', A.grid, '0833-5522010'],
  ['佛光社区网格服务站', '峨眉山市佛光东路77号', 29.5932, 103.4901, 'office', A.grid, '0833-5522020'],
  ['工会户外劳动者服务站（天景路）', '峨眉山市天景路18号', 29.6081, 103.4885, 'day22', A.union, '0833-5523001'],
  ['工会户外劳动者服务站（东风路）', '峨眉山市东风路203号', 29.5897, 103.4712, 'day22', A.union, '0833-5523002'],
  ['快递小哥之家·新城路', '峨眉山市新城路66号', 29.6123, 103.4712, 'always', A.basic, null],
  ['换电驿站·绥山东路', '峨眉山市绥山东路31号', 29.5989, 103.4931, 'always', A.swap, '0833-5524001'],
  ['换电驿站·胜利路', '峨眉山市胜利路140号', 29.6066, 103.4651, 'always', A.swap, '0833-5524002'],
  ['红色驿站·大庙路', '峨眉山市大庙路12号', 29.5861, 103.4802, 'day20', A.full, '0833-5525001'],
  ['暖新驿站·秀湖站', '峨眉山市秀湖路88号', 29.5812, 103.4655, 'day20', A.full, '0833-5521003'],
  ['暖新驿站·红珠山路站', '峨眉山市红珠山路5号', 29.5776, 103.4577, 'day20', A.basic, '0833-5521004'],
  ['报国寺游客中心爱心驿站', '峨眉山市报国寺路1号', 29.5712, 103.4462, 'day20', A.basic, '0833-5526001'],
  ['中国银行峨眉支行爱心驿站', '峨眉山市名山南路35号', 29.5971, 103.4768, 'office', ['water', 'rest', 'toilet', 'wifi', 'phone_charging'], '0833-5527001'],
  ['农业银行绥山支行劳动者港湾', '峨眉山市绥山西路22号', 29.6002, 103.4689, 'office', ['water', 'rest', 'toilet', 'wifi', 'phone_charging'], '0833-5527002'],
  ['中石化名山加油站司机之家', '峨眉山市名山北路300号', 29.6189, 103.4801, 'always', ['water', 'toilet', 'phone_charging', 'food_heating', 'rest'], '0833-5528001'],
  ['暖新驿站·峨山路站', '峨眉山市峨山路42号', 29.6155, 103.4902, 'night', A.full, '0833-5521005'],
  ['暖新驿站·高桥站', '峨眉山市高桥镇高桥街8号', 29.6342, 103.5011, 'day20', A.basic, null],
  ['暖新驿站·九里站', '峨眉山市九里镇九里街61号', 29.6488, 103.5233, 'day20', A.basic, '0833-5521006'],
  ['美团骑手驿站·万福路', '峨眉山市万福路19号', 29.5921, 103.4966, 'night', ['water', 'phone_charging', 'ebike_charging', 'food_heating', 'rest', 'wifi'], null],
  ['饿了么蓝骑士之家·旅游新区', '峨眉山市旅游新区迎宾大道120号', 29.5765, 103.4701, 'day22', ['water', 'phone_charging', 'ebike_charging', 'food_heating', 'rest', 'wifi', 'rain_shelter'], null],
  ['顺丰网点休息站·峨眉东站', '峨眉山市峨眉站前路2号', 29.6211, 103.5102, 'day22', ['water', 'rest', 'toilet', 'phone_charging'], '0833-5529001'],
  ['暖新驿站·双福站', '峨眉山市双福镇双福街33号', 29.5604, 103.5013, 'day20', A.basic, null],
  ['暖新驿站·桂花桥站', '峨眉山市桂花桥镇桂花街5号', 29.6302, 103.4412, 'day20', A.basic, null],
  ['社区卫生服务中心爱心驿站', '峨眉山市名山中路210号', 29.6035, 103.4822, 'always', ['water', 'rest', 'toilet', 'first_aid', 'heatstroke_medicine'], '0833-5530001'],
  ['暖新驿站·迎宾大道站', '峨眉山市迎宾大道56号', 29.5831, 103.4744, 'always', A.full, '0833-5521007'],
  ['城管执勤点劳动者驿站', '峨眉山市佛光西路3号', 29.5944, 103.4721, 'day20', A.grid, '0833-5531001'],
  ['公交总站驾驶员之家', '峨眉山市天景路公交总站', 29.6102, 103.4931, 'day22', ['water', 'rest', 'toilet', 'food_heating'], '0833-5532001'],
  ['暖新驿站·符溪站', '峨眉山市符溪镇符溪街12号', 29.5423, 103.5288, 'day20', A.basic, null],
  ['暖新驿站·绥山中学站', '峨眉山市绥山中路101号', 29.6021, 103.4861, 'day20', ['water', 'phone_charging', 'rest', 'rain_shelter'], null],
  ['便利店爱心充电点·名山北路', '峨眉山市名山北路150号', 29.6142, 103.4778, 'always', ['phone_charging', 'ebike_charging', 'water', 'food_heating'], '0833-5533001'],
  ['便利店爱心充电点·佛光北路', '峨眉山市佛光北路80号', 29.5988, 103.4853, 'always', ['phone_charging', 'ebike_charging', 'water', 'food_heating'], '0833-5533002'],
  ['工会户外劳动者服务站（高铁站）', '峨眉山市峨眉山站广场', 29.5877, 103.5061, 'day22', A.union, '0833-5523003'],
  ['暖新驿站·胜利桥站', '峨眉山市胜利桥头', 29.6078, 103.4598, 'day20', A.basic, null],
  ['暖新驿站·黄湾站', '峨眉山市黄湾镇黄湾街2号', 29.5532, 103.4112, 'day20', A.basic, null],
  ['暖新驿站·龙池站', '峨眉山市龙池镇龙池街18号', 29.5211, 103.3889, 'office', A.basic, null],
  ['物流园区骑手之家', '峨眉山市物流园区8号', 29.6401, 103.4855, 'always', A.full, '0833-5534001'],
  ['暖新驿站·沙溪站', '峨眉山市沙溪乡沙溪街9号', 29.6604, 103.4622, 'day20', A.basic, null],
  ['红色驿站·东城', '峨眉山市东城区文化路15号', 29.6033, 103.5002, 'day20', A.full, '0833-5525002'],
  ['暖新驿站·体育中心站', '峨眉山市体育中心东门', 29.6124, 103.4658, 'day22', ['water', 'phone_charging', 'ebike_charging', 'rest', 'toilet', 'rain_shelter', 'first_aid'], '0833-5521008'],
  ['医院急诊旁爱心驿站', '峨眉山市人民医院东侧', 29.5995, 103.4745, 'always', ['water', 'rest', 'first_aid', 'heatstroke_medicine', 'toilet'], '0833-5535001'],
  ['暖新驿站·罗目站', '峨眉山市罗目镇罗目街11号', 29.5722, 103.5412, 'day20', A.basic, null],
  ['暖新驿站·新平站', '峨眉山市新平乡新平街3号', 29.6855, 103.4951, 'day20', A.basic, null],
  ['暖新驿站·川主站', '峨眉山市川主乡川主街7号', 29.6299, 103.4109, 'day20', A.basic, null],
];

/** Which community a station belongs to: the nearer of the two communities' centres. */
const communityOf = (lat: number): string => (lat >= 29.6 ? 'cm-mingshan' : 'cm-foguang');

export const stations: Station[] = ROWS.map(([name, address, lat, lng, hours, amenities, phone], i) => ({
  id: `sn-${String(i + 1).padStart(3, '0')}`,
  name,
  address,
  location: { lat, lng },
  sourceDatum: 'wgs84',
  amenities,
  outOfOrder: i === 1 ? { ebike_charging: { since: '2026-11-20T06:20:00.000Z', note: '充电柜线路检修' } } : {},
  hours: H[hours]!,
  status: i === 9 ? 'temporarily_closed' : 'open',
  closureNote: i === 9 ? '内部装修，预计12月1日恢复开放' : null,
  phone,
  keeperId: i < 2 ? KEEPER_ID : null,
  communityId: communityOf(lat),
  streetId: street.id,
  lastConfirmed: { at: '2026-11-20T02:00:00.000Z', by: 'admin' },
  openIssues: {},
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
}));
