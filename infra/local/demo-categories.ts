/**
 * The demo admitted-item list (准入事项清单) of the demo communities: 36 item types in 11 groups, with
 * handling deadlines per level. Urgent safety items must be accepted within 2 hours.
 */
import type { Category, DeadlineLevel, EmergencyKind, LevelDeadlines } from '@linli/shared';

type Deadlines = Record<DeadlineLevel, LevelDeadlines>;

const NORMAL: Deadlines = {
  grid: { accept: { hours: 24 }, resolve: { workdays: 3 } },
  community: { accept: { hours: 24 }, resolve: { workdays: 5 } },
  street: { accept: { workdays: 1 }, resolve: { workdays: 7 } },
  department: { accept: { workdays: 1 }, resolve: { workdays: 15 } },
};
const URGENT: Deadlines = {
  grid: { accept: { hours: 2 }, resolve: { hours: 24 } },
  community: { accept: { hours: 2 }, resolve: { hours: 48 } },
  street: { accept: { hours: 4 }, resolve: { workdays: 3 } },
  department: { accept: { hours: 4 }, resolve: { workdays: 5 } },
};
const CONSULT: Deadlines = {
  grid: { accept: { hours: 24 }, resolve: { workdays: 1 } },
  community: { accept: { hours: 24 }, resolve: { workdays: 2 } },
  street: { accept: { workdays: 1 }, resolve: { workdays: 3 } },
  department: { accept: { workdays: 1 }, resolve: { workdays: 5 } },
};
const DISPUTE: Deadlines = {
  grid: { accept: { hours: 24 }, resolve: { workdays: 5 } },
  community: { accept: { hours: 24 }, resolve: { workdays: 10 } },
  street: { accept: { workdays: 1 }, resolve: { workdays: 15 } },
  department: { accept: { workdays: 2 }, resolve: { workdays: 20 } },
};

const LIST: [group: string, deadlines: Deadlines, urgent: boolean, names: [id: string, name: string][]][] = [
  ['环境卫生', NORMAL, false, [['env-garbage', '垃圾清运不及时'], ['env-sorting', '垃圾分类投放'], ['env-sewage', '污水外溢'], ['env-pests', '蚊蝇鼠害']]],
  ['物业管理', NORMAL, false, [['prop-service', '物业服务质量'], ['prop-fee', '物业收费争议'], ['prop-parking', '小区停车管理'], ['prop-greenery', '绿化养护']]],
  ['设施维修', NORMAL, false, [['fix-streetlight', '路灯损坏'], ['fix-road', '道路破损'], ['fix-elevator', '电梯故障'], ['fix-pipe', '供水管道漏水'], ['fix-manhole', '井盖缺失破损']]],
  ['安全隐患', URGENT, true, [['safe-fire', '消防通道堵塞'], ['safe-gas', '燃气泄漏隐患'], ['safe-wire', '私拉电线充电'], ['safe-building', '房屋危险'], ['safe-tree', '树木倒伏隐患']]],
  ['矛盾纠纷', DISPUTE, false, [['dispute-neighbor', '邻里纠纷'], ['dispute-noise', '噪音扰民'], ['dispute-leak', '楼上漏水纠纷'], ['dispute-wage', '欠薪求助']]],
  ['政务咨询', CONSULT, false, [['ask-social', '社保医保咨询'], ['ask-household', '户籍证明办理'], ['ask-policy', '惠民政策咨询'], ['ask-elderly', '养老服务咨询']]],
  ['市容秩序', NORMAL, false, [['city-stall', '占道经营'], ['city-ads', '乱贴小广告'], ['city-vehicle', '违规停放车辆'], ['city-build', '违章搭建']]],
  ['民生服务', NORMAL, false, [['life-water', '停水停电'], ['life-heating', '燃气供应问题']]],
  ['特殊群体关爱', URGENT, true, [['care-elderly', '独居老人需要帮助'], ['care-child', '困境儿童求助']]],
  ['热线转办', NORMAL, false, [['hotline-other', '12345 热线转办（待分类）']]],
  ['其他', NORMAL, false, [['other', '其他问题']]],
];

/** Items whose closing needs an "after" photo taken on site. */
const AFTER_PHOTO = new Set(['env-garbage', 'fix-manhole', 'safe-fire', 'city-build']);
/**
 * Property matters (物业): in a compound with property staff they go to them first. A fee dispute is
 * with the property company, so it stays with the grid and community.
 */
const PROPERTY = new Set(['prop-service', 'prop-parking', 'prop-greenery', 'fix-elevator']);
/** Filed by staff only: the hotline catch-all is for 12345 tickets, never offered to residents. */
const STAFF_ONLY = new Set(['hotline-other']);
/**
 * Items that may be an emergency happening now: the form offers 119 / 120 / 110 first. Fire and gas
 * go to the fire brigade (119: a blocked fire lane, wires run for charging, a house about to fall),
 * someone alone and unwell to 120, a child in danger to 110.
 */
const EMERGENCY: Record<string, EmergencyKind> = {
  'safe-fire': 'fire',
  'safe-wire': 'fire',
  'safe-building': 'fire',
  'safe-gas': 'gas',
  'care-elderly': 'medical',
  'care-child': 'police',
};

/**
 * Not on the district's grid admission list (准入事项清单): duties the grid may not be handed, so items
 * start with the community. Wage arrears go to labour inspection through the community, household
 * certificates are the police station's, and 其他 is sorted out by the community.
 */
const NOT_GRID = new Set(['dispute-wage', 'ask-household', 'other']);

export const demoCategories: Category[] = LIST.flatMap(([group, deadlines, urgent, names]) =>
  names.map(([id, name]) => ({
    id,
    group,
    name,
    urgent,
    requiresAfterPhoto: AFTER_PHOTO.has(id),
    propertyItem: PROPERTY.has(id),
    staffOnly: STAFF_ONLY.has(id),
    emergency: EMERGENCY[id] ?? null,
    gridAdmitted: !NOT_GRID.has(id),
    deadlines,
  })),
).map((c, order) => ({ ...c, order }));
