/**
 * The demo points data: 名山社区's redemption site (道德超市) with rewards, an upcoming volunteer
 * activity, and points already earned by the demo volunteer and resident (credited through the
 * ledger, so balance, lots and entries agree). Loading twice changes nothing.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sha256 } from '../../functions/src/platform/adapters/hash';
import { claimFor } from '../../functions/src/platform/domain/idempotency';
import { newUlid } from '../../functions/src/platform/adapters/ids';
import { DynamoActivityRepository } from '../../functions/src/points/adapters/dynamodb-activity-repository';
import { DynamoLedgerRepository } from '../../functions/src/points/adapters/dynamodb-ledger-repository';
import { DynamoSiteRepository } from '../../functions/src/points/adapters/dynamodb-site-repository';
import { creditPlan, entryOf } from '../../functions/src/points/domain/ledger';
import type { RewardRecord } from '../../functions/src/points/ports';

export const DEMO_SITE = 'ps-mingshan';
export const DEMO_ACTIVITY = 'act-demo-visit';

/** 09:00 China time `days` from today. */
const nineOClock = (now: Date, days: number): string => {
  const local = new Date(now.getTime() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
  return new Date(`${local}T09:00:00+08:00`).toISOString();
};

const rewards = (now: Date): RewardRecord[] => [
  { id: 'rw-tissue', siteId: DEMO_SITE, name: '抽纸一提', description: '三层抽纸 6 包', picture: null, cost: 20, stock: 100, monthlyLimit: null, releaseAt: null, active: true },
  { id: 'rw-haircut', siteId: DEMO_SITE, name: '义剪理发券', description: '社区志愿理发，每周六上午', picture: null, cost: 30, stock: 50, monthlyLimit: 2, releaseAt: null, active: true },
  { id: 'rw-detergent', siteId: DEMO_SITE, name: '洗衣液', description: '2 公斤装', picture: null, cost: 50, stock: 30, monthlyLimit: null, releaseAt: null, active: true },
  { id: 'rw-rice', siteId: DEMO_SITE, name: '大米 5 斤', description: '每人每月限兑 1 次', picture: null, cost: 120, stock: 10, monthlyLimit: 1, releaseAt: null, active: true },
  { id: 'rw-eggs', siteId: DEMO_SITE, name: '土鸡蛋一盒', description: '热门物品，每天 9 点开兑', picture: null, cost: 60, stock: 20, monthlyLimit: 1, releaseAt: nineOClock(now, 1), active: true },
];

export async function seedPoints(doc: DynamoDBDocumentClient, table: string, now = new Date()): Promise<void> {
  const sites = new DynamoSiteRepository(doc, table);
  const seedClaim = (id: string) => claimFor('seed', 'seed', id, {}, now, sha256);
  if (!(await sites.get(DEMO_SITE))) {
    await sites.create(
      { id: DEMO_SITE, name: '名山社区道德超市', communityId: 'cm-mingshan', streetId: 'st-suishan', address: '名山社区党群服务中心一楼', hours: '周一至周六 9:00–17:00', serves: 'community', holdDays: 7, createdAt: now.toISOString() },
      seedClaim(DEMO_SITE),
    );
    for (const r of rewards(now)) await sites.putReward(r);
  }
  const activities = new DynamoActivityRepository(doc, table);
  if (!(await activities.get(DEMO_ACTIVITY))) {
    await activities.create(
      {
        id: DEMO_ACTIVITY, communityId: 'cm-mingshan', streetId: 'st-suishan', title: '银龄互助：探访独居老人', description: '两人一组上门陪伴聊天、检查水电燃气安全。',
        place: '名山社区党群服务中心集合', start: nineOClock(now, 1), end: new Date(Date.parse(nineOClock(now, 1)) + 2 * 3600_000).toISOString(), places: 10, taken: 0,
        reward: { per: 'person', points: 20 }, joiners: 'anyone', teamId: null, teamName: null, captainId: null, organiserId: 'u-demo-community-admin', organiserName: '陈静', checkInCode: '246810', status: 'open', createdAt: now.toISOString(),
      },
      seedClaim(DEMO_ACTIVITY),
    );
  }
  const ledger = new DynamoLedgerRepository(doc, table);
  const earned: [userId: string, points: number, minutes: number, what: string][] = [
    ['u-demo-volunteer', 200, 480, '上月志愿服务（垃圾分类督导 4 次）'],
    ['u-demo-resident', 80, 120, '楼道清洁志愿服务'],
  ];
  for (const [userId, points, minutes, reason] of earned) {
    const entry = entryOf({ id: newUlid(), userId, at: now.toISOString(), kind: 'earn', points, minutes, reason, source: { type: 'task', id: `seed-${userId}` }, actorId: 'u-demo-community-admin', verified: true, communityId: 'cm-mingshan' });
    // Once per person: the credit's guard is the seed source (a second load changes nothing).
    await ledger.credit(creditPlan(entry, newUlid(), now, null));
  }
}
