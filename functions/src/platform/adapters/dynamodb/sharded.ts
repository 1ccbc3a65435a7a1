/**
 * The loop over a sharded index written once: city-wide lists (due deadlines, the outbox) are
 * spread over SHARDS partitions; a read queries every shard in parallel, merges the results by sort
 * key, and pages with a cursor that remembers where each shard stopped.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../domain/errors';
import { SHARDS } from './keys';

export interface ShardedQuery {
  table: string;
  /** Index name, or undefined for the table itself. */
  index?: string;
  /** The partition key value of shard n. */
  partition: (shard: number) => string;
  /** Sort keys ≥ this bound (inclusive), when given. */
  from?: string;
  /** Sort keys ≤ this bound (inclusive), when given. */
  until?: string;
  shards?: number;
  /**
   * Items read from each shard per page (default `limit`: every shard could fill the page alone). A
   * smaller read (about 2 × limit / shards) keeps a long range evenly spread over the shards from being
   * read shards times over; the page then ends where the first shard with more to read stopped, so the
   * order across shards holds.
   */
  perShard?: number;
}

type Item = Record<string, unknown>;

/**
 * One page of at most `limit` items across all shards in sort-key order, and the cursor of the next
 * page (null at the end).
 */
export async function queryShards(
  doc: DynamoDBDocumentClient,
  q: ShardedQuery,
  limit: number,
  cursor?: string | null,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const pk = q.index ? `${q.index}PK` : 'PK';
  const sk = q.index ? `${q.index}SK` : 'SK';
  const shards = q.shards ?? SHARDS;
  const starts = decodeShardCursor(cursor, shards);
  const condition =
    q.from !== undefined && q.until !== undefined ? '#pk = :pk AND #sk BETWEEN :from AND :until'
    : q.from !== undefined ? '#pk = :pk AND #sk >= :from'
    : q.until !== undefined ? '#pk = :pk AND #sk <= :until'
    : '#pk = :pk';
  const bounds = { ...(q.from !== undefined ? { ':from': q.from } : {}), ...(q.until !== undefined ? { ':until': q.until } : {}) };
  const bounded = q.from !== undefined || q.until !== undefined;
  const pages = await Promise.all(
    Array.from({ length: shards }, async (_, shard) => {
      const start = starts[shard];
      if (start === 'done') return { start, items: [] as Item[], last: 'done' as const };
      const out = await doc.send(
        new QueryCommand({
          TableName: q.table,
          IndexName: q.index,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: bounded ? { '#pk': pk, '#sk': sk } : { '#pk': pk },
          ExpressionAttributeValues: { ':pk': q.partition(shard), ...bounds },
          Limit: q.perShard ?? limit,
          ExclusiveStartKey: start ?? undefined,
        }),
      );
      return { start, items: out.Items ?? [], last: (out.LastEvaluatedKey as Item | undefined) ?? ('done' as const) };
    }),
  );
  // Merge by sort key and keep the first `limit`, none past where a shard with more to read stopped;
  // each shard resumes after the last item taken from it.
  const cut = pages
    .filter((p) => p.last !== 'done' && p.items.length > 0)
    .map((p) => String(p.items[p.items.length - 1]![sk]))
    .reduce<string | null>((min, k) => (min === null || k < min ? k : min), null);
  const merged = pages
    .flatMap((p, shard) => p.items.map((item, i) => ({ shard, i, item })))
    .filter((m) => cut === null || String(m.item[sk]) <= cut)
    .sort((a, b) => byKey(String(a.item[sk]), String(b.item[sk])))
    .slice(0, limit);
  const lastTaken = new Map<number, number>();
  for (const m of merged) lastTaken.set(m.shard, Math.max(lastTaken.get(m.shard) ?? -1, m.i));
  const next = pages.map((p, shard): ShardStart => {
    if (p.start === 'done') return 'done';
    const last = lastTaken.get(shard);
    if (last === undefined) return p.items.length === 0 && p.last === 'done' ? 'done' : (p.start ?? null); // read again from the same place
    if (last === p.items.length - 1) return p.last;
    return keyOf(p.items[last]!, pk, sk, q.index !== undefined);
  });
  return { items: merged.map((m) => m.item), nextCursor: next.every((n) => n === 'done') ? null : encodeShardCursor(next) };
}

/** DynamoDB's order of string keys (by code unit; the same as UTF-8 bytes for the keys we write), not a locale's. */
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where a shard resumes: from its start (null), after a key, or nothing left ('done'). */
type ShardStart = Item | null | 'done';

const encodeShardCursor = (starts: ShardStart[]): string => Buffer.from(JSON.stringify(starts)).toString('base64url');

function decodeShardCursor(cursor: string | null | undefined, shards: number): ShardStart[] {
  if (!cursor) return Array.from({ length: shards }, () => null);
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === shards && value.every((v) => v === null || v === 'done' || (typeof v === 'object' && !Array.isArray(v)))) {
      return value as ShardStart[];
    }
  } catch {
    /* fall through */
  }
  throw new ValidationError('分页参数无效', [{ field: 'cursor', message: '分页参数无效，请从第一页开始' }]);
}

/** The key DynamoDB resumes a Query after: the table key, plus the index key on an index. */
function keyOf(item: Item, pk: string, sk: string, onIndex: boolean): Item {
  return onIndex ? { PK: item.PK, SK: item.SK, [pk]: item[pk], [sk]: item[sk] } : { PK: item.PK, SK: item.SK };
}
