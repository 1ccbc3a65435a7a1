import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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
