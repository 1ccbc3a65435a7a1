import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { KeyRange } from '../../domain/geo/search-plan';
import { prefixEnd } from './keys';
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys';

/** The most keys one BatchGetItem may name. */
const BATCH_GET_KEYS = 100;

/**
 * Reads items by key with as few requests as DynamoDB allows (BatchGetItem, 100 keys a request,
 * what it leaves unprocessed asked again). Equal keys are read once; the answer is in no order and
 * holds only the items found. `consistent` as a GetItem's ConsistentRead.
 */
export async function batchGet(doc: DynamoDBDocumentClient, table: string, keys: readonly Key[], opts: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.PK}\u0000${k.SK}`, k])).values()];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_KEYS) {
    let pending: Record<string, unknown>[] = unique.slice(i, i + BATCH_GET_KEYS).map((k) => ({ PK: k.PK, SK: k.SK }));
    while (pending.length) {
      const out = await doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: opts.consistent === true } } }));
      items.push(...(out.Responses?.[table] ?? []));
      pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return items;
}

/** Runs a Query to the end (or to `max` items), returning items and the number of items read. */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  max = Infinity,
): Promise<{ items: Record<string, unknown>[]; scanned: number }> {
  const items: Record<string, unknown>[] = [];
  let scanned = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    scanned += out.ScannedCount ?? 0;
    for (const item of out.Items ?? []) {
      items.push(item);
      if (items.length >= max) return { items, scanned };
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { items, scanned };
}

/**
 * Reads geohash key ranges of a geo index (one Query per range, in parallel): `partitionKey` names
 * the index partition of a range's precision-4 cell; sort keys start with the geohash.
 */
export async function queryGeoRanges(
  doc: DynamoDBDocumentClient,
  table: string,
  index: string,
  ranges: readonly KeyRange[],
  partitionKey: (geohash4: string) => string,
): Promise<{ items: Record<string, unknown>[]; scanned: number }> {
  const results = await Promise.all(
    ranges.map((r) =>
      queryAll(doc, {
        TableName: table,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': `${index}PK`, '#sk': `${index}SK` },
        ExpressionAttributeValues: { ':pk': partitionKey(r.partition), ':from': r.from, ':to': prefixEnd(r.to) },
      }),
    ),
  );
  return { items: results.flatMap((r) => r.items), scanned: results.reduce((n, r) => n + r.scanned, 0) };
}

/** The newest items of one index partition (sort keys start with a timestamp), at most `limit`. */
export async function queryNewest(doc: DynamoDBDocumentClient, table: string, index: string, partition: string, limit: number): Promise<Record<string, unknown>[]> {
  const { items } = await queryAll(
    doc,
    {
      TableName: table,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${index}PK` },
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
    },
    limit,
  );
  return items;
}
