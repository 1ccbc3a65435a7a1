/** Redemption sites and their rewards on DynamoDB: a site's partition holds its rewards. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { whenConditionHolds } from '../../platform/adapters/dynamodb/errors';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { batchGet, queryAll } from '../../platform/adapters/dynamodb/query';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { RewardRecord, SiteRecord, SiteRepository } from '../ports';
import { CITY_SITES, rewardKey, siteKey, sitesOfCommunity, sitesOfStreet } from './keys';

const SITE_FIELDS = ['id', 'name', 'communityId', 'streetId', 'address', 'hours', 'serves', 'holdDays', 'createdAt'] as const satisfies readonly (keyof SiteRecord)[];
const REWARD_FIELDS = ['id', 'siteId', 'name', 'description', 'picture', 'cost', 'stock', 'monthlyLimit', 'releaseAt', 'active'] as const satisfies readonly (keyof RewardRecord)[];
const fromSite = (i: Record<string, unknown>): SiteRecord => pick<SiteRecord>(i, SITE_FIELDS);
const fromReward = (i: Record<string, unknown>): RewardRecord => pick<RewardRecord>(i, REWARD_FIELDS);

export class DynamoSiteRepository implements SiteRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<SiteRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: siteKey(id) }));
    return out.Item ? fromSite(out.Item) : null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, SiteRecord>> {
    if (ids.length === 0) return new Map();
    const items = await batchGet(this.doc, this.table, ids.map(siteKey));
    return new Map(items.map((i) => [String(i.id), fromSite(i)]));
  }

  async rewards(siteId: string): Promise<RewardRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
      ExpressionAttributeValues: { ':pk': siteKey(siteId).PK, ':r': 'REWARD#' },
    });
    return items.map(fromReward);
  }

  async reward(siteId: string, rewardId: string): Promise<RewardRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: rewardKey(siteId, rewardId), ConsistentRead: true }));
    return out.Item ? fromReward(out.Item) : null;
  }

  async create(site: SiteRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    const item = {
      ...siteKey(site.id),
      entity: 'RedemptionSite',
      ...site,
      [`${INDEX.GSI1}PK`]: sitesOfCommunity(site.communityId),
      [`${INDEX.GSI1}SK`]: `${site.createdAt}#${site.id}`,
      [`${INDEX.GSI2}PK`]: sitesOfStreet(site.streetId),
      [`${INDEX.GSI2}SK`]: `${site.createdAt}#${site.id}`,
      ...(site.serves === 'city' ? { [`${INDEX.GSI3}PK`]: CITY_SITES, [`${INDEX.GSI3}SK`]: `${site.createdAt}#${site.id}` } : {}),
    };
    return transactOnce(this.doc, this.table, claim, { id: site.id }, [
      { name: 'site', write: { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } } },
    ]);
  }

  async createReward(reward: RewardRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    const item = { ...rewardKey(reward.siteId, reward.id), entity: 'Reward', ...reward };
    return transactOnce(this.doc, this.table, claim, { id: reward.id }, [
      { name: 'reward', write: { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } } },
    ]);
  }

  /** Puts a reward as given (seeding and loading data; edits go through `replaceReward`). */
  async putReward(reward: RewardRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...rewardKey(reward.siteId, reward.id), entity: 'Reward', ...reward } }));
  }

  /** Edits a reward, if its stock is still the one the edit was computed from (a redemption meanwhile: false). */
  async replaceReward(reward: RewardRecord, stockWas: number): Promise<boolean> {
    return whenConditionHolds(() => this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...rewardKey(reward.siteId, reward.id), entity: 'Reward', ...reward },
        ConditionExpression: 'attribute_exists(PK) AND stock = :was',
        ExpressionAttributeValues: { ':was': stockWas },
      }),
    ));
  }

  async sitesFor(place: { communityId: string | null; streetId: string | null }): Promise<SiteRecord[]> {
    const [own, street, city] = await Promise.all([
      place.communityId ? this.byIndex(INDEX.GSI1, sitesOfCommunity(place.communityId)) : [],
      place.streetId ? this.byIndex(INDEX.GSI2, sitesOfStreet(place.streetId)) : [],
      this.byIndex(INDEX.GSI3, CITY_SITES),
    ]);
    const all = [...own, ...street.filter((s) => s.serves !== 'community'), ...city];
    return [...new Map(all.map((s) => [s.id, s])).values()];
  }

  ofCommunity(communityId: string): Promise<SiteRecord[]> {
    return this.byIndex(INDEX.GSI1, sitesOfCommunity(communityId));
  }

  private async byIndex(index: string, partition: string): Promise<SiteRecord[]> {
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}PK` },
        ExpressionAttributeValues: { ':pk': partition },
      },
      200,
    );
    return items.map(fromSite);
  }
}
