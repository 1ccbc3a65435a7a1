/**
 * The rush hot spots of issue 14 at reduced size, through the real handlers (tests/sim/hotspots):
 * a reward released at a set time, an evening slot opening, a 12345 file of tickets. `npm run bench`
 * runs them at full size.
 */
import { randomBytes } from 'node:crypto';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { sha256 } from '../../functions/src/platform/adapters/hash';
import { newUlid } from '../../functions/src/platform/adapters/ids';
import { ConflictError } from '../../functions/src/platform/domain/errors';
import { DynamoActivityRepository } from '../../functions/src/points/adapters/dynamodb-activity-repository';
import { dynamoTeams, dynamoUnits } from '../../functions/src/points/adapters/dynamodb-group-repository';
import { DynamoLedgerRepository } from '../../functions/src/points/adapters/dynamodb-ledger-repository';
import { DynamoRedemptionRepository } from '../../functions/src/points/adapters/dynamodb-redemption-repository';
import { DynamoSiteRepository } from '../../functions/src/points/adapters/dynamodb-site-repository';
import { redeem } from '../../functions/src/points/domain/redeem';
import { DEMO_RESIDENT, storePeople } from '../sim/hotspots/drive';
import { hotlineBatch } from '../sim/hotspots/hotline-batch';
import { pointsSite, rewardRelease } from '../sim/hotspots/reward-release';
import { slotOpening } from '../sim/hotspots/slot-opening';
import { startTestApi, type TestApi } from '../support/harness';

// About a minute each on a quiet 2-core machine; slack for a busy one.
jest.setTimeout(180_000);

describe('rush hot spots (reduced size: 500 taps for 50, 200 residents for 20 places, 300 tickets)', () => {
  let api: TestApi;
  let endpoint: string;
  beforeAll(async () => {
    api = await startTestApi();
    endpoint = process.env.LINLI_TEST_DB!;
  });
  afterAll(() => api.stop());

  it('a reward released at a set time: exactly its stock redeemed, the rest sold out, nobody charged without a redemption', async () => {
    const f = await rewardRelease({ endpoint, table: api.stack.table, tries: 500, stock: 50, early: 10 });
    console.log(JSON.stringify(f));
    expect(f.otherAnswers).toEqual({});
    expect(f).toMatchObject({
      redeemed: 50, oversold: 0, stockLeft: 0, soldOut: 450, otherAnswers: {}, early: 10, earlyRefused: 10,
      negativeBalances: 0, ledgerMismatches: 0, chargedWithoutRedemption: 0, storedRedemptions: 50,
    });
  });

  it('a sold-out reward is refused from the read, without a transaction', async () => {
    const table = api.stack.table;
    await pointsSite(endpoint, table, 'ps-empty', [{ id: 'rw-empty', name: '已兑完物品', cost: 1, stock: 0, releaseAt: null }]);
    const [id] = await storePeople(endpoint, table, { prefix: 'u-empty-', count: 1, points: 5 });
    let transactions = 0;
    const raw = makeDocumentClient({ region: 'local', endpoint });
    const doc = new Proxy(raw, {
      get(target, prop, receiver) {
        if (prop === 'send') {
          return (cmd: Parameters<DynamoDBDocumentClient['send']>[0]) => {
            if (cmd instanceof TransactWriteCommand) transactions++;
            return target.send(cmd as never);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const deps = {
      ledger: new DynamoLedgerRepository(doc, table), sites: new DynamoSiteRepository(doc, table), redemptions: new DynamoRedemptionRepository(doc, table),
      activities: new DynamoActivityRepository(doc, table), teams: dynamoTeams(doc, table), units: dynamoUnits(doc, table), users: new DynamoUserRepository(doc, table),
      places: new DynamoPlaceRepository(doc, table), storage: { presignUpload: async () => ({ url: '', fields: {}, expiresAt: '' }), head: async () => null, viewUrl: async (k: string) => k, readText: async () => null },
      newId: () => newUlid(), hash: sha256, randomBytes: (n: number) => randomBytes(n),
    };
    const actor = { userId: id!, roles: ['resident' as const], ...DEMO_RESIDENT };
    const tried = redeem(deps, actor, { siteId: 'ps-empty', rewardId: 'rw-empty' }, 'empty-1', new Date());
    await expect(tried).rejects.toThrow(ConflictError);
    await expect(tried).rejects.toMatchObject({ code: 'out_of_stock' });
    expect(transactions).toBe(0);
    expect((await deps.ledger.account(id!)).balance).toBe(5);
    raw.destroy();
  });

  it('an evening slot opening: exactly its places booked, everyone else on the waitlist once, in order of arrival', async () => {
    const f = await slotOpening({ endpoint, table: api.stack.table, residents: 200, places: 20 });
    console.log(JSON.stringify(f));
    expect(f.otherAnswers).toEqual({});
    expect(f).toMatchObject({
      booked: 20, storedBookings: 20, counter: 20, overbooked: 0, slotFull: 180, joined: 180, waitlistLength: 180,
      duplicatesOnLine: 0, bookedAndWaiting: 0, neither: 0, unfair: 0, otherAnswers: {},
    });
  });

  it('a 12345 file of tickets: each once in its grid queue, deadline first; sent again, nothing new', async () => {
    const f = await hotlineBatch({ endpoint, table: api.stack.table, tickets: 300 });
    console.log(JSON.stringify(f));
    expect(f).toMatchObject({ tickets: 300, created: 300, failed: 0, duplicatesOnResend: 0, resendSkipped: 300, missingFromQueues: 0, wrongGrid: 0, outOfOrder: 0 });
  });
});
