/**
 * The seeded city generator of `npm run simulate` (issue 14): a pure function of the size and the
 * seed. The same seed gives the same city, byte for byte.
 *
 * Geometry: the whole area is one quadrilateral around Meishan (眉山市, about 30.05 N 103.83 E)
 * cut recursively into districts → streets (街道/镇) → communities (社区/村) → ordinary grids by the
 * same "strip" subdivision: a parent quad's parameter square is cut into horizontal rows (lines of
 * constant v), and each row into cells by slanted cuts. Every node is computed once from its
 * parameters and rounded, so adjacent cells share their edges' vertices exactly; a cell's ring also
 * holds the ends of its neighbours' cuts lying on its top and bottom edges (T-junctions), so that
 * shared edges are identical vertex lists. Cells tile their parent with no gap and no overlap, and
 * areas follow the children's weights (a community with more grids gets more land).
 * Dedicated grids (专属网格: a school, a hospital, a market) and micro grids (微网格: a building
 * cluster) are small quads in corners of an ordinary grid's parameter square; the ordinary grid's
 * other buildings stay out of those corners.
 */
import { CentreSettings, type Amenity, type OpeningHours, type Role, type TeamRole } from '@linli/shared';
import type { CentreRecord } from '../../../functions/src/booking/domain/centre';
import { newUserRecord } from '../../../functions/src/identity/domain/login';
import type { BuildingRecord, GridContact } from '../../../functions/src/identity/places-port';
import type { UserRecord } from '../../../functions/src/identity/ports';
import type { PropertyCompanyRecord, TeamMemberRecord } from '../../../functions/src/identity/team-port';
import type { RewardRecord, TeamRecord } from '../../../functions/src/points/ports';
import type { Station } from '../../../functions/src/stations/domain/station';
import { rng } from '../../support/rng';
import calendar2027 from '../calendar-2027.json';
import type { SizeSpec } from '../sizes';
import type { City, District, Point, Ring, SimCommunity, SimGrid, SimPerson, SimSite, SimStreet } from './model';

// ---------------------------------------------------------------------------------------------
// Names

const DISTRICTS: { name: string; streets: string[] }[] = [
  { name: '东坡区', streets: ['通惠街道', '大石桥街道', '苏祠街道', '白马镇', '崇礼镇', '修文镇', '太和镇', '尚义镇', '多悦镇', '秦家镇', '万胜镇', '思蒙镇', '松江镇', '崇仁镇'] },
  { name: '彭山区', streets: ['凤鸣街道', '彭溪街道', '观音街道', '青龙街道', '谢家街道', '江口街道', '黄丰镇', '锦江镇', '公义镇', '牧马镇', '保胜乡', '武阳乡', '义和乡', '新华乡'] },
  { name: '仁寿县', streets: ['文林街道', '怀仁街道', '普宁街道', '视高街道', '龙正镇', '富加镇', '汪洋镇', '钟祥镇', '慈航镇', '宝飞镇', '禾加镇', '北斗镇', '方家镇', '黑龙滩镇'] },
  { name: '洪雅县', streets: ['洪川镇', '止戈镇', '余坪镇', '槽渔滩镇', '中保镇', '东岳镇', '柳江镇', '高庙镇', '瓦屋山镇', '将军镇', '中山镇', '花溪镇', '三宝镇', '汉王镇'] },
  { name: '丹棱县', streets: ['丹棱街道', '杨场镇', '仁美镇', '张场镇', '双桥镇', '石桥乡', '顺龙乡', '中隆乡', '城东街道', '城西街道', '龙鹄镇', '梅湾镇', '齐乐镇', '幸福镇'] },
  { name: '青神县', streets: ['青城镇', '汉阳镇', '瑞峰镇', '西龙镇', '高台镇', '白果乡', '罗波乡', '南城镇', '黑龙镇', '竹编镇', '岷江镇', '中岩镇', '鸿化镇', '天庙镇'] },
];
const PLACE_WORDS = [
  '东坡', '三苏', '湖滨', '环湖', '诗书', '桂花', '南街', '北街', '新民', '红星', '团结', '和平', '幸福', '光明', '永丰', '金花', '石佛', '复兴', '太平', '青龙',
  '白鹤', '双河', '花园', '兴隆', '长乐', '永乐', '富民', '三合', '新华', '五一', '建设', '友谊', '东风', '民主', '龙泉', '清水', '柳溪', '竹林', '观音', '天池',
  '岷江', '醴泉', '远景', '苏坟', '万寿', '高桥', '白塔', '凤凰', '玉屏', '松柏', '荷花', '柑橘', '茶园', '新桥', '大井', '石桥', '杨柳', '金龙', '盘鳌', '永兴',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林', '郑', '梁', '谢', '唐', '许', '冯', '宋', '韩', '邓', '彭', '曾', '肖', '田', '袁', '蒋', '蔡', '余', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '姚', '沈', '钟', '姜', '崔', '谭', '陆', '范', '汪', '廖', '石', '金', '韦', '贾', '夏', '付', '方', '邹', '熊', '白', '孟', '秦', '邱', '侯', '江', '尹', '薛', '闫', '段', '雷', '龙', '黎', '史', '陶', '贺', '毛', '郝', '顾', '龚', '邵', '万', '覃', '武', '钱', '戴', '严', '欧', '莫', '孔', '向', '常', '汤', '康', '易'];
const GIVEN = [
  '建华', '秀兰', '志强', '丽萍', '永红', '德明', '玉梅', '国庆', '淑芬', '海波', '春燕', '立新', '桂芳', '建国', '秀英', '晓红', '志刚', '明', '静', '洋', '强', '军', '敏', '伟', '芳',
  '娜', '磊', '涛', '丹', '超', '勇', '艳', '杰', '霞', '平', '刚', '辉', '玲', '浩', '婷', '鑫', '宇', '欣怡', '子涵', '梓萱', '浩然', '俊杰', '雨桐', '思远', '佳怡', '一鸣', '雪梅',
  '文华', '德华', '光明', '红梅', '晓燕', '家豪', '嘉欣', '天佑', '诗涵', '宏伟', '淑珍', '金凤', '世杰', '正义', '福林', '素芳', '玉兰', '建军', '永华', '卫东', '小平', '凤英', '学军',
];
const COMPOUND_HEADS = ['锦江', '岷江', '东坡', '翰林', '阳光', '金色', '滨江', '世纪', '学府', '御景', '远洋', '蓝光', '雅居', '书香', '南湖', '北城', '龙湖', '紫荆', '碧桂', '香樟', '银杏', '丽景', '和园', '锦绣'];
const COMPOUND_TAILS = ['花园', '小区', '苑', '家园', '新城', '名都', '华庭', '公馆', '新村', '佳苑'];
const DEDICATED = ['中心小学', '实验中学', '卫生院', '农贸市场', '幼儿园', '商业广场', '工业园', '客运站'];
const COMPANY_WORDS = ['金顶', '苏祠', '岷江', '彭祖', '青神', '瓦屋', '东坡', '锦绣', '嘉诚', '安居', '恒信', '和美'];
const PLATFORMS = ['美团', '饿了么', '顺丰同城', '京东物流', '闪送'];
const PHONE_PREFIXES = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '182', '183', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '181', '189', '177', '199', '198', '166'];
/** The product's default departments (functions/src/platform/config.ts DEPARTMENTS), read without the environment. */
const DEPARTMENT_IDS = ['cgj', 'zjj', 'swj', 'gdj', 'scjg', 'pcs', 'mzj', 'wjj', 'hbj', 'zls', 'rqgs'];
const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const chineseNumber = (n: number): string =>
  n <= 10 ? NUMERALS[n]! : n < 20 ? `十${NUMERALS[n - 10]!}` : `${NUMERALS[Math.floor(n / 10)]!}十${n % 10 ? NUMERALS[n % 10]! : ''}`;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Randomness

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: Rand, lo: number, hi: number) => lo + (hi - lo) * r();
const intBetween = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function shuffle<T>(r: Rand, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Splits `total` into `parts` positive integers of about equal size (±`spread`), each at least `min`; exact sum. */
export function split(total: number, parts: number, r: Rand, min = 1, spread = 0.3): number[] {
  if (parts * min > total) throw new Error(`cannot split ${total} into ${parts} parts of at least ${min}`);
  const weights = Array.from({ length: parts }, () => 1 - spread + 2 * spread * r());
  const sum = weights.reduce((a, b) => a + b, 0);
  const free = total - parts * min;
  const raw = weights.map((w) => (w / sum) * free);
  const out = raw.map((x) => min + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % parts, left--) out[order[k]![1]]! += 1;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Geometry

/** A quadrilateral by its corners: south-west, south-east, north-east, north-west. */
type Quad = [Point, Point, Point, Point];
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
/** The point at parameters (u, v) of a quad (bilinear), rounded to 1e-7 degrees (about a centimetre). */
function at(q: Quad, u: number, v: number): Point {
  const [sw, se, ne, nw] = q;
  const lat = (1 - u) * (1 - v) * sw.lat + u * (1 - v) * se.lat + u * v * ne.lat + (1 - u) * v * nw.lat;
  const lng = (1 - u) * (1 - v) * sw.lng + u * (1 - v) * se.lng + u * v * ne.lng + (1 - u) * v * nw.lng;
  return { lat: round7(lat), lng: round7(lng) };
}
const subQuad = (q: Quad, u0: number, v0: number, u1: number, v1: number): Quad => [at(q, u0, v0), at(q, u1, v0), at(q, u1, v1), at(q, u0, v1)];
const KM_PER_DEG_LAT = 111.2;
const kmPerDegLng = (lat: number) => 111.32 * Math.cos((lat * Math.PI) / 180);

export interface Cell {
  /** The four corners (what the cell's own children subdivide). */
  quad: Quad;
  /** The boundary: the corners and the neighbours' vertices lying on its edges, counter-clockwise. */
  ring: Ring;
}

/**
 * Cuts a quad into `weights.length` cells with areas about proportional to the weights, in rows of
 * cells separated by slanted cuts; neighbours share their edges' vertices exactly.
 */
export function subdivide(q: Quad, weights: number[], r: Rand): Cell[] {
  const n = weights.length;
  if (n === 1) return [{ quad: q, ring: [...q] }];
  const widthKm = (kmPerDegLng(q[0].lat) * (Math.abs(q[1].lng - q[0].lng) + Math.abs(q[2].lng - q[3].lng))) / 2;
  const heightKm = (KM_PER_DEG_LAT * (Math.abs(q[3].lat - q[0].lat) + Math.abs(q[2].lat - q[1].lat))) / 2;
  const rows = Math.max(1, Math.min(n, Math.round(Math.sqrt((n * heightKm) / widthKm))));
  const perRow = split(n, rows, r, 1, 0.15);
  const total = weights.reduce((a, b) => a + b, 0);
  // Rows: v from 0 (south) to 1, heights by the weight of their cells, inner lines jittered a little.
  const rowWeights: number[][] = [];
  let k = 0;
  for (const count of perRow) {
    rowWeights.push(weights.slice(k, k + count));
    k += count;
  }
  const vs = [0];
  let acc = 0;
  for (const w of rowWeights) {
    acc += w.reduce((a, b) => a + b, 0) / total;
    vs.push(acc);
  }
  vs[rows] = 1;
  for (let i = 1; i < rows; i++) {
    const room = Math.min(vs[i]! - vs[i - 1]!, vs[i + 1]! - vs[i]!);
    vs[i] = vs[i]! + (r() - 0.5) * 0.3 * room;
  }
  // Cuts of each row: the bottom and top ends move independently (slanted cuts), never crossing.
  const cuts = rowWeights.map((w) => {
    const sum = w.reduce((a, b) => a + b, 0);
    const us = [0];
    let c = 0;
    for (const x of w) {
      c += x / sum;
      us.push(c);
    }
    us[w.length] = 1;
    const bottom = [...us];
    const top = [...us];
    for (let j = 1; j < w.length; j++) {
      const room = Math.min(us[j]! - us[j - 1]!, us[j + 1]! - us[j]!);
      bottom[j] = us[j]! + (r() - 0.5) * 0.5 * room;
      top[j] = us[j]! + (r() - 0.5) * 0.5 * room;
    }
    return { bottom, top };
  });
  const cells: Cell[] = [];
  for (let i = 0; i < rows; i++) {
    const { bottom, top } = cuts[i]!;
    const v0 = vs[i]!;
    const v1 = vs[i + 1]!;
    // The row below ends its cuts on this row's bottom line; the row above starts its cuts on its top line.
    const below = i > 0 ? cuts[i - 1]!.top.slice(1, -1) : [];
    const above = i < rows - 1 ? cuts[i + 1]!.bottom.slice(1, -1) : [];
    for (let j = 0; j < bottom.length - 1; j++) {
      const [b0, b1, t0, t1] = [bottom[j]!, bottom[j + 1]!, top[j]!, top[j + 1]!];
      const quad: Quad = [at(q, b0, v0), at(q, b1, v0), at(q, t1, v1), at(q, t0, v1)];
      const ring: Ring = [
        quad[0],
        ...below.filter((u) => u > b0 && u < b1).map((u) => at(q, u, v0)),
        quad[1],
        quad[2],
        ...above
          .filter((u) => u > t0 && u < t1)
          .sort((a, b) => b - a)
          .map((u) => at(q, u, v1)),
        quad[3],
      ];
      cells.push({ quad, ring });
    }
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------
// The city

const CENTRE: Point = { lat: 30.05, lng: 103.83 };
/** About a square kilometre per ordinary grid (Meishan's towns and villages; the urban grids are smaller). */
const KM2_PER_GRID = 1.1;
const DEPARTMENTS_PER_DISTRICT = 4;

const dayBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00+08:00`) - days * 86400_000);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

const HOURS: OpeningHours[] = [
  { kind: 'always' },
  { kind: 'schedule', workday: [{ open: '08:00', close: '20:00' }], restday: [{ open: '09:00', close: '20:00' }] },
  { kind: 'schedule', workday: [{ open: '07:00', close: '22:00' }], restday: [{ open: '07:00', close: '22:00' }] },
  { kind: 'schedule', workday: [{ open: '08:30', close: '12:00' }, { open: '14:00', close: '20:00' }], restday: [{ open: '09:00', close: '17:00' }], holiday: [] },
  { kind: 'schedule', workday: [{ open: '17:00', close: '02:00' }], restday: [{ open: '11:00', close: '02:00' }] },
];
const AMENITY_SETS: Amenity[][] = [
  ['water', 'phone_charging', 'rest', 'toilet'],
  ['water', 'phone_charging', 'ebike_charging', 'food_heating', 'rest', 'toilet', 'rain_shelter', 'first_aid', 'wifi'],
  ['water', 'phone_charging', 'ebike_charging', 'rest', 'toilet', 'rain_shelter', 'repair_tools', 'first_aid', 'heatstroke_medicine'],
  ['ebike_charging', 'battery_swap', 'rain_shelter', 'water'],
  ['water', 'rest', 'repair_tools', 'first_aid', 'heatstroke_medicine', 'toilet'],
];
const STATION_KINDS = ['暖新驿站', '骑手之家', '户外劳动者服务站', '爱心驿站', '红色驿站'];

const WINDOW_OFFERINGS = [
  { id: 'shebao', name: '社保医保办理', minutes: 20, bring: ['身份证', '社保卡'], where: '一楼综合窗口' },
  { id: 'youdai', name: '老年人优待证', minutes: 15, bring: ['身份证', '一寸照片一张'], where: '一楼综合窗口' },
  { id: 'canji', name: '残疾人服务', minutes: 20, bring: ['身份证', '残疾人证'], where: '一楼综合窗口' },
  { id: 'juzhu', name: '居住证明开具', minutes: 10, bring: ['身份证', '户口簿或租房合同'], where: '一楼综合窗口' },
];
const REWARDS: Omit<RewardRecord, 'id' | 'siteId' | 'releaseAt' | 'active' | 'picture'>[] = [
  { name: '抽纸一提', description: '三层抽纸 6 包', cost: 20, stock: 100, monthlyLimit: null },
  { name: '义剪理发券', description: '社区志愿理发，每周六上午', cost: 30, stock: 50, monthlyLimit: 2 },
  { name: '洗衣液', description: '2 公斤装', cost: 50, stock: 30, monthlyLimit: null },
  { name: '大米 5 斤', description: '每人每月限兑 1 次', cost: 120, stock: 10, monthlyLimit: 1 },
  { name: '食用油 1 升', description: '菜籽油', cost: 80, stock: 20, monthlyLimit: 1 },
  { name: '牙膏套装', description: '牙膏两支、牙刷两把', cost: 25, stock: 60, monthlyLimit: null },
  { name: '电影票一张', description: '东坡影城通用', cost: 90, stock: 15, monthlyLimit: 1 },
];
const POPULAR = [
  { name: '土鸡蛋一盒', description: '热门物品，定时开兑' },
  { name: '青神竹编果篮', description: '热门物品，定时开兑' },
  { name: '东坡泡菜礼盒', description: '热门物品，定时开兑' },
];

/** Plain weekend days (not a holiday, not a make-up working day) in the simulated period, for the weekend rota. */
function plainWeekendDays(from: string, days: number): { saturdays: string[]; sundays: string[] } {
  const holidays = new Set<string>();
  for (const h of calendar2027.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidays.add(d);
  const workdays = new Set(calendar2027.workdays);
  const saturdays: string[] = [];
  const sundays: string[] = [];
  for (let i = 0; i < days; i++) {
    const d = addDays(from, i);
    if (holidays.has(d) || workdays.has(d)) continue;
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd === 6) saturdays.push(d);
    if (wd === 0) sundays.push(d);
  }
  return { saturdays, sundays };
}

/** Generates the city of a size from a seed (pure, deterministic). */
export function generateCity(spec: SizeSpec, seed: number): City {
  const r = rng(seed);
  const from = spec.from;
  const iso = (d: Date) => d.toISOString();
  const staffSince = iso(dayBefore(from, 400));

  // Names and phones, unique.
  let phoneSeq = 0;
  const phoneSalt = intBetween(r, 0, 99_999_999);
  const phone = (): string => {
    const k = phoneSeq++;
    const prefix = PHONE_PREFIXES[k % PHONE_PREFIXES.length]!;
    // A bijection of 0..1e8-1 (multiplier coprime to 10), so numbers look random yet never repeat.
    const body = (Math.floor(k / PHONE_PREFIXES.length) * 7_919_993 + phoneSalt) % 100_000_000;
    return `${prefix}${String(body).padStart(8, '0')}`;
  };
  const personName = () => pick(r, SURNAMES) + pick(r, GIVEN);

  const districts: District[] = [];
  const streets: SimStreet[] = [];
  const communities: SimCommunity[] = [];
  const grids: SimGrid[] = [];
  const buildings: BuildingRecord[] = [];
  const people: SimPerson[] = [];
  const teamMembers: TeamMemberRecord[] = [];
  const companies: PropertyCompanyRecord[] = [];
  const centres: CentreRecord[] = [];
  const sites: SimSite[] = [];
  const volunteerTeams: TeamRecord[] = [];
  const stations: Station[] = [];
  const weekend = plainWeekendDays(from, spec.days);

  const staff = (id: string, name: string, roles: Role[], home: Point, fields: Partial<UserRecord>): SimPerson => {
    const p: SimPerson = {
      user: newUserRecord(id, `osim-${seed}-${id}`, new Date(staffSince), { name, phone: phone(), roles, realName: true, ...fields }),
      home,
      elder: false,
      activity: between(r, 0.5, 1),
    };
    people.push(p);
    return p;
  };
  const member = (p: SimPerson, communityId: string, teamRole: TeamRole, gridIds: string[], specialties: string[] = []) =>
    teamMembers.push({ userId: p.user.id, name: p.user.name, phone: p.user.phone, communityId, teamRole, gridIds, specialties, addedAt: staffSince, updatedAt: staffSince, version: 1 });

  // The area: one quad around Meishan, sized by the number of grids, a little skewed.
  const areaKm2 = spec.ordinaryGrids * KM2_PER_GRID;
  const sideKm = Math.sqrt(areaKm2);
  const dLat = sideKm / KM_PER_DEG_LAT / 2;
  const dLng = sideKm / kmPerDegLng(CENTRE.lat) / 2;
  const skew = () => between(r, -0.08, 0.08);
  const area: Quad = [
    { lat: round7(CENTRE.lat - dLat * (1 + skew())), lng: round7(CENTRE.lng - dLng * (1 + skew())) },
    { lat: round7(CENTRE.lat - dLat * (1 + skew())), lng: round7(CENTRE.lng + dLng * (1 + skew())) },
    { lat: round7(CENTRE.lat + dLat * (1 + skew())), lng: round7(CENTRE.lng + dLng * (1 + skew())) },
    { lat: round7(CENTRE.lat + dLat * (1 + skew())), lng: round7(CENTRE.lng - dLng * (1 + skew())) },
  ];

  // Counts: grids per district, per street, per community (each community at least 2 grids).
  const gridsPerDistrict = split(spec.ordinaryGrids, spec.districts, r, 2 * spec.streetsPerDistrict * spec.communitiesPerStreet, 0.15);
  const districtCells = subdivide(area, gridsPerDistrict, r);

  for (const [di, dCell] of districtCells.entries()) {
    const dNo = di + 1;
    const dInfo = DISTRICTS[di % DISTRICTS.length]!;
    const district: District = { id: `d${dNo}`, name: dInfo.name, boundary: dCell.ring };
    districts.push(district);
    const gridsPerStreet = split(gridsPerDistrict[di]!, spec.streetsPerDistrict, r, 2 * spec.communitiesPerStreet, 0.3);
    const streetCells = subdivide(dCell.quad, gridsPerStreet, r);
    let firstStreetId = '';
    for (const [si, sCell] of streetCells.entries()) {
      const sKey = `d${dNo}-s${pad(si + 1)}`;
      const streetId = `st-${sKey}`;
      firstStreetId ||= streetId;
      const streetName = si < dInfo.streets.length ? dInfo.streets[si]! : `${pick(r, PLACE_WORDS)}镇`;
      const urban = streetName.endsWith('街道');
      streets.push({ id: streetId, name: streetName, city: '眉山市', districtId: district.id, boundary: sCell.ring });
      const streetCentre = at(sCell.quad, 0.5, 0.5);
      staff(`u-${sKey}-admin`, personName(), ['street_admin'], streetCentre, { streetId });

      const gridsPerCommunity = split(gridsPerStreet[si]!, spec.communitiesPerStreet, r, 2, 0.35);
      const communityCells = subdivide(sCell.quad, gridsPerCommunity, r);
      const usedNames = new Set<string>();
      const streetCompounds: { communityId: string; compound: string; home: Point }[] = [];
      for (const [ci, cCell] of communityCells.entries()) {
        const cKey = `${sKey}-c${ci + 1}`;
        const communityId = `cm-${cKey}`;
        let word = pick(r, PLACE_WORDS);
        while (usedNames.has(word)) word = pick(r, PLACE_WORDS);
        usedNames.add(word);
        const village = !urban && ci >= 2;
        const communityName = `${word}${village ? '村' : '社区'}`;
        communities.push({ id: communityId, streetId, name: communityName, boundary: cCell.ring });
        const office = at(cCell.quad, between(r, 0.35, 0.65), between(r, 0.35, 0.65));
        const place = { streetId, communityId, gridId: null };
        const admin = staff(`u-${cKey}-admin`, personName(), ['community_admin'], office, place);
        staff(`u-${cKey}-desk`, personName(), ['service_staff'], office, place);
        staff(`u-${cKey}-shop`, personName(), ['redemption_staff'], office, place);

        // Ordinary grids, and dedicated and micro grids inside some of them.
        const nGrids = gridsPerCommunity[ci]!;
        const gridCells = subdivide(cCell.quad, Array.from({ length: nGrids }, () => between(r, 0.7, 1.3)), r);
        const communityGridIds: string[] = [];
        const residentsHere: SimPerson[] = [];
        const leaderContact: GridContact = { userId: admin.user.id, name: admin.user.name, role: 'grid_leader', phone: admin.user.phone! };
        for (const [gi, gCell] of gridCells.entries()) {
          const gKey = `${cKey}-g${pad(gi + 1)}`;
          const gridId = `gd-${gKey}`;
          communityGridIds.push(gridId);
          const households = Math.round(spec.householdsPerGrid * between(r, 0.7, 1.3));
          const gridName = `${communityName}第${chineseNumber(gi + 1)}网格`;
          const worker = staff(`u-${gKey}-w`, personName(), ['grid_worker'], at(gCell.quad, 0.5, 0.5), { streetId, communityId, gridId });
          member(worker, communityId, 'grid_worker', [gridId]);
          grids.push({
            id: gridId, kind: 'ordinary', communityId, streetId, name: gridName, households, boundary: gCell.ring, parentId: null,
            contacts: [leaderContact, { userId: worker.user.id, name: worker.user.name, role: 'grid_worker', phone: worker.user.phone! }],
          });
          // Corner zones of the grid's parameter square: dedicated (south-west), micro (north-east).
          const hasDedicated = r() < spec.dedicatedPer100 / 100;
          const hasMicro = r() < spec.microPer100 / 100;
          if (hasDedicated) {
            grids.push({
              id: `${gridId}-x1`, kind: 'dedicated', communityId, streetId, name: `${word}${pick(r, DEDICATED)}专属网格`, households: 0,
              boundary: subQuad(gCell.quad, 0.08, 0.08, 0.3, 0.3), contacts: [], parentId: gridId,
            });
          }
          const microId = `${gridId}-m1`;
          const microQuad = subQuad(gCell.quad, 0.68, 0.68, 0.92, 0.92);
          // Buildings: compounds of 30–90 households a building; residents = households × adoption.
          const nCompounds = intBetween(r, 1, 3);
          const compounds = Array.from({ length: nCompounds }, () => pick(r, COMPOUND_HEADS) + pick(r, COMPOUND_TAILS));
          for (const c of new Set(compounds)) streetCompounds.push({ communityId, compound: c, home: at(gCell.quad, 0.5, 0.5) });
          const nBuildings = Math.max(2, Math.round(households / intBetween(r, 30, 90)));
          const gridBuildings: BuildingRecord[] = [];
          for (let b = 0; b < nBuildings; b++) {
            const inMicro = hasMicro && b < 3;
            let location: Point;
            if (inMicro) location = at(microQuad, between(r, 0.2, 0.8), between(r, 0.2, 0.8));
            else {
              // Anywhere in the grid but the corner zones.
              let u: number;
              let v: number;
              do {
                u = between(r, 0.05, 0.95);
                v = between(r, 0.05, 0.95);
              } while ((u < 0.35 && v < 0.35) || (u > 0.62 && v > 0.62));
              location = at(gCell.quad, u, v);
            }
            const compound = inMicro ? compounds[0]! : pick(r, compounds);
            gridBuildings.push({ id: `bd-${gKey}-b${pad(b + 1)}`, name: `${b + 1}栋`, compound, gridId: inMicro ? microId : gridId, communityId, location });
          }
          buildings.push(...gridBuildings);
          if (hasMicro) {
            const microHouseholds = Math.round(households * Math.min(3, nBuildings) / nBuildings);
            grids.push({ id: microId, kind: 'micro', communityId, streetId, name: `${compounds[0]!}微网格`, households: microHouseholds, boundary: microQuad, contacts: [], parentId: gridId });
            staff(`u-${gKey}-bl`, personName(), ['building_leader'], gridBuildings[0]!.location, { streetId, communityId, gridId: microId });
          }
          if (r() < 0.3) staff(`u-${gKey}-pt`, personName(), ['parttime_grid_worker'], at(gCell.quad, 0.4, 0.4), { streetId, communityId, gridId });

          // Residents.
          const nResidents = Math.round(households * spec.adoption);
          for (let n = 0; n < nResidents; n++) {
            const building = gridBuildings[Math.floor(r() * gridBuildings.length)]!;
            const id = `u-${gKey}-${pad(n + 1, 3)}`;
            const registered = dayBefore(from, intBetween(r, 10, 700));
            const verified = new Date(registered.getTime() + intBetween(r, 1, 72) * 3600_000);
            const volunteer = r() < 0.08;
            const elder = r() < 0.05;
            const user = newUserRecord(id, `osim-${seed}-${id}`, registered, {
              name: personName(), phone: phone(), roles: volunteer ? ['resident', 'volunteer'] : ['resident'], realName: true,
              streetId, communityId, gridId: building.gridId,
              address: { building: `${building.compound}${building.name}`, unit: `${intBetween(r, 1, 4)}单元`, room: `${intBetween(r, 1, 18)}0${intBetween(r, 1, 4)}` },
              registeredAt: iso(registered), verifiedAt: iso(verified), verifiedBy: worker.user.id,
              homePlace: { streetId, communityId, gridId: building.gridId },
            });
            const p: SimPerson = { user, home: building.location, elder, activity: Math.round(r() ** 3 * 1000) / 1000 };
            people.push(p);
            residentsHere.push(p);
          }
        }
        // The community's grid team beyond grid workers: its leader, a police officer, sanitation.
        member(admin, communityId, 'grid_leader', communityGridIds);
        const police = staff(`u-${cKey}-police`, personName(), ['team_member'], office, place);
        member(police, communityId, 'police_officer', communityGridIds, ['安全隐患', '矛盾纠纷']);
        const sanitation = staff(`u-${cKey}-clean`, personName(), ['team_member'], office, place);
        member(sanitation, communityId, 'sanitation', communityGridIds.filter((_, i) => i % 2 === 0), ['环境卫生']);

        // Service centre: weekday evenings; Saturday or Sunday by the community's rota.
        const windows = intBetween(r, 1, 3);
        const withRooms = r() < 0.5;
        const withMeals = r() < 0.4;
        const onSaturday = ci % 2 === 0;
        const closedDays = (onSaturday ? weekend.sundays : weekend.saturdays).slice(0, 120);
        const settings = CentreSettings.parse({
          name: `${communityName}党群服务中心`,
          address: `${streetName}${word}路 ${intBetween(r, 1, 200)} 号`,
          location: { lat: office.lat, lng: office.lng, datum: 'wgs84' },
          phone: `028-38${pad(intBetween(r, 0, 999_999), 6)}`,
          staffTotal: intBetween(r, 6, 14),
          rooms: withRooms ? [{ id: 'legal', name: '法律咨询室', capacity: 1 }, { id: 'mediation', name: '人民调解室', capacity: 1 }] : [],
          offerings: [
            ...WINDOW_OFFERINGS,
            ...(withRooms
              ? [
                  { id: 'falv', name: '法律咨询', minutes: 30, bring: ['相关材料复印件'], where: '二楼法律咨询室', room: 'legal' },
                  { id: 'tiaojie', name: '人民调解', minutes: 30, bring: ['身份证'], where: '二楼人民调解室', room: 'mediation' },
                ]
              : []),
            ...(withMeals
              ? [{ id: 'zhucan', name: '老年助餐', minutes: 60, bring: ['老年人优待证'], where: '一楼长者食堂', kind: 'daily', daily: { weekdays: [1, 2, 3, 4, 5], start: '11:30', end: '12:30', seats: intBetween(r, 20, 60), cutoff: '15:00' } }]
              : []),
          ],
          rules: {
            workday: [{ start: '17:30', end: '20:00', slotMinutes: 30, windows }],
            restday: [
              { start: '09:00', end: '12:00', slotMinutes: 30, windows },
              { start: '14:00', end: '17:00', slotMinutes: 30, windows },
            ],
            holiday: [],
          },
          exceptions: closedDays.map((date) => ({ date, kind: 'closed', note: onSaturday ? '周日轮休' : '周六轮休' })),
          policy: r() < 0.3 ? { walkInShare: 0.3 } : {},
        });
        centres.push({ ...settings, id: `ct-${cKey}`, communityId, streetId, location: { lat: office.lat, lng: office.lng, datum: 'wgs84' }, version: 1, createdAt: staffSince, updatedAt: staffSince });

        // Redemption site (道德超市) with 4–6 rewards, one of them popular (small stock; the driver sets its release times).
        const siteId = `ps-${cKey}`;
        const catalogue = shuffle(r, REWARDS).slice(0, intBetween(r, 3, 5));
        const popular = pick(r, POPULAR);
        const rewards: RewardRecord[] = [
          ...catalogue.map((x, i) => ({ ...x, id: `rw-${cKey}-${i + 1}`, siteId, picture: null, releaseAt: null, active: true })),
          { ...popular, id: `rw-${cKey}-hot`, siteId, picture: null, cost: 60, stock: intBetween(r, 8, 20), monthlyLimit: 1, releaseAt: null, active: true },
        ];
        sites.push({
          site: { id: siteId, name: `${communityName}道德超市`, communityId, streetId, address: `${communityName}党群服务中心一楼`, hours: '周一至周六 9:00–17:00', serves: 'community', holdDays: 7, createdAt: staffSince },
          rewards,
          popularRewardId: `rw-${cKey}-hot`,
        });

        // Volunteer teams (1–2), captained by a volunteer resident.
        const volunteers = residentsHere.filter((p) => p.user.roles.includes('volunteer'));
        for (let t = 0; t < intBetween(r, 1, 2); t++) {
          let captain = volunteers[t];
          if (!captain) {
            captain = residentsHere[t % residentsHere.length]!;
            captain.user.roles = ['resident', 'volunteer'];
          }
          volunteerTeams.push({
            id: `vt-${cKey}-${t + 1}`, communityId, streetId, name: `${word}${t === 0 ? '志愿服务队' : '银龄互助队'}`,
            description: t === 0 ? '环境整治、文明劝导、邻里互助' : '探访独居老人，陪伴聊天、代购代办', captainId: captain.user.id, members: 1, createdAt: staffSince,
          });
        }

        // A rider station in about one community of three, with its keeper.
        if (r() < 1 / 3 || (communities.length === 1 && spec.communitiesPerStreet > 0 && ci === 0)) {
          const location = at(cCell.quad, between(r, 0.2, 0.8), between(r, 0.2, 0.8));
          const keeper = staff(`u-${cKey}-keeper`, personName(), ['station_keeper'], location, place);
          const kind = pick(r, STATION_KINDS);
          stations.push({
            id: `sn-${cKey}`, name: `${kind}·${word}站`, address: `${dInfo.name}${streetName}${word}路 ${intBetween(r, 1, 300)} 号`, location, sourceDatum: 'wgs84',
            amenities: pick(r, AMENITY_SETS), outOfOrder: {}, hours: pick(r, HOURS), status: 'open', closureNote: null, phone: r() < 0.6 ? `028-38${pad(intBetween(r, 0, 999_999), 6)}` : null,
            keeperId: keeper.user.id, communityId, streetId, lastConfirmed: { at: staffSince, by: 'admin' }, openIssues: {}, createdAt: staffSince, updatedAt: staffSince, version: 1,
          });
        }
      }

      // Property companies (物业公司) serving about half of the street's compounds, with one staff member per compound.
      const nCompanies = intBetween(r, 2, 3);
      const served = streetCompounds.filter((_, i) => i % 2 === 0);
      for (let k = 0; k < nCompanies; k++) {
        const companyId = `pc-${sKey}-${k + 1}`;
        const mine = served.filter((_, i) => i % nCompanies === k);
        const byCommunity = new Map<string, Set<string>>();
        for (const s of mine) byCommunity.set(s.communityId, (byCommunity.get(s.communityId) ?? new Set()).add(s.compound));
        companies.push({
          id: companyId, name: `${COMPANY_WORDS[(si + k) % COMPANY_WORDS.length]!}物业服务有限公司`, streetId,
          serves: [...byCommunity].map(([communityId, set]) => ({ communityId, compounds: [...set] })),
        });
        const seen = new Set<string>();
        for (const s of mine) {
          const key = `${s.communityId}|${s.compound}`;
          if (seen.has(key)) continue;
          seen.add(key);
          staff(`u-${companyId}-${seen.size}`, personName(), ['property_staff'], s.home, { streetId, communityId: s.communityId, compound: s.compound, companyId });
        }
      }
    }
    // Department staff of the district (the first street's, as the demo data has them).
    for (let k = 0; k < DEPARTMENTS_PER_DISTRICT; k++) {
      const departmentId = DEPARTMENT_IDS[(di * DEPARTMENTS_PER_DISTRICT + k) % DEPARTMENT_IDS.length]!;
      staff(`u-d${dNo}-dept-${departmentId}`, personName(), ['department_staff'], at(dCell.quad, 0.5, 0.5), { streetId: firstStreetId, departmentId });
    }
  }

  // Riders (~0.3 % of residents): their own accounts, not registered in a community.
  const residents = people.filter((p) => p.user.roles.includes('resident'));
  const nRiders = Math.max(1, Math.round(residents.length * 0.003));
  for (let k = 0; k < nRiders; k++) {
    const home = residents[Math.floor(r() * residents.length)]!.home;
    const id = `u-rider-${pad(k + 1, 4)}`;
    const created = dayBefore(from, intBetween(r, 5, 300));
    people.push({
      user: newUserRecord(id, `osim-${seed}-${id}`, created, { name: personName(), phone: phone(), roles: ['rider'], realName: true, riderPlatform: pick(r, PLATFORMS) }),
      home,
      elder: false,
      activity: between(r, 0.3, 1),
    });
  }

  return { seed, size: spec.name, districts, streets, communities, grids, buildings, people, teamMembers, companies, centres, sites, volunteerTeams, stations };
}
