/**
 * Write-sharded daily metrics (the Monday-morning wave): the shard of a write, the keys (every unit of a
 * community in the community's partition), and the range every reader queries.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryShards } from '../../functions/src/platform/adapters/dynamodb/sharded';
import { METRICS_SHARDS, metricsDayRange, metricsKey, metricsShardOf, metricsUnitOf } from '../../functions/src/requests/adapters/keys';
import { counterUpdates } from '../../functions/src/requests/adapters/request-items';

describe('metrics shards', () => {
  it('chooses a stable shard in range, spread evenly over request ids', () => {
    const counts = new Array<number>(METRICS_SHARDS).fill(0);
    for (let i = 0; i < 16_000; i++) {
      const s = metricsShardOf(`01J${String(i).padStart(8, '0')}WAVE`);
      expect(Number.isInteger(s) && s >= 0 && s < METRICS_SHARDS).toBe(true);
      counts[s]!++;
    }
    expect(metricsShardOf('req-1')).toBe(metricsShardOf('req-1'));
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it("keeps every unit of a community in the community's partition, the day first, so one day range takes every unit and shard", () => {
    expect(metricsKey('community', 'cm-1', 'cm-1', '2027-03-01', 7)).toEqual({ PK: 'METRICS#IN#cm-1', SK: 'DAY#2027-03-01#COMMUNITY#cm-1#07' });
    expect(metricsKey('department', 'cgj', 'cm-1', '2027-03-01', 15)).toEqual({ PK: 'METRICS#IN#cm-1', SK: 'DAY#2027-03-01#DEPARTMENT#cgj#15' });
    const { from, to } = metricsDayRange('2027-03-01', '2027-03-02');
    const inRange = (sk: string) => sk >= from && sk <= to;
    for (const s of [0, 9, 15]) {
      for (const [level, unit] of [['grid', 'g'], ['community', 'cm'], ['property', 'cm#金顶花园'], ['department', 'zls']] as const) {
        expect(inRange(metricsKey(level, unit, 'cm', '2027-03-01', s).SK)).toBe(true);
        expect(inRange(metricsKey(level, unit, 'cm', '2027-03-02', s).SK)).toBe(true);
        expect(inRange(metricsKey(level, unit, 'cm', '2027-03-03', s).SK)).toBe(false);
        expect(inRange(metricsKey(level, unit, 'cm', '2027-02-28', s).SK)).toBe(false);
      }
    }
  });

  it('tells the unit of an item from its sort key, a compound of its own with # in its id too', () => {
    for (const [level, unitId] of [['grid', 'gd-ms-1'], ['community', 'cm'], ['property', 'cm-mingshan#金顶花园'], ['property', 'pc-baoguo'], ['department', 'zls']] as const) {
      expect(metricsUnitOf(metricsKey(level, unitId, 'cm', '2027-03-01', 3).SK)).toEqual({ level, unitId });
    }
    expect(metricsUnitOf('DAY#2027-03-01#07')).toBeNull();
  });

  it('writes every unit of one change to the shard of its request', () => {
    const writes = counterUpdates(
      'T',
      [
        { level: 'community', unitId: 'cm', communityId: 'cm', day: '2027-03-01', counters: { escalated: 1 } },
        { level: 'grid', unitId: 'g', communityId: 'cm', day: '2027-03-01', counters: { escalated: 1 } },
      ],
      'req-42',
    );
    const shard = String(metricsShardOf('req-42')).padStart(2, '0');
    expect(writes.map((w) => w.write.Update!.Key)).toEqual([
      { PK: 'METRICS#IN#cm', SK: `DAY#2027-03-01#COMMUNITY#cm#${shard}` },
      { PK: 'METRICS#IN#cm', SK: `DAY#2027-03-01#GRID#g#${shard}` },
    ]);
  });
});

describe('queryShards with a small read per shard', () => {
  // Three shards of sorted keys, served like DynamoDB (Limit, ExclusiveStartKey, LastEvaluatedKey).
  const shards = [0, 1, 2].map((s) =>
    Array.from({ length: 40 }, (_, i) => ({ PK: `S#${s}`, SK: `${String(i * 3 + s).padStart(4, '0')}#${s}` })).filter((_, i) => s !== 2 || i < 5),
  );
  const doc = {
    send: async (cmd: QueryCommand) => {
      const input = cmd.input;
      const rows = shards[Number(String(input.ExpressionAttributeValues![':pk']).split('#')[1])]!;
      const after = input.ExclusiveStartKey?.SK as string | undefined;
      const from = after === undefined ? 0 : rows.findIndex((r) => r.SK === after) + 1;
      const items = rows.slice(from, from + input.Limit!);
      return { Items: items, LastEvaluatedKey: from + input.Limit! < rows.length ? items[items.length - 1] : undefined };
    },
  } as unknown as DynamoDBDocumentClient;

  it('pages through every item once, in key order across shards', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const out: { items: Record<string, unknown>[]; nextCursor: string | null } = await queryShards(doc, { table: 'T', partition: (s) => `S#${s}`, shards: 3, perShard: 4 }, 10, cursor);
      seen.push(...out.items.map((i) => String(i.SK)));
      cursor = out.nextCursor;
      if (!cursor) break;
    }
    const all = shards.flat().map((r) => r.SK).sort();
    expect(seen).toEqual(all);
  });
});
