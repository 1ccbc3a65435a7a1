import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { KeyRange } from '../../domain/geo/search-plan';
import { prefixEnd } from './keys';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';

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
