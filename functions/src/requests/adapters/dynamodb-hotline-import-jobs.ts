/** Import jobs of 12345 ticket files: the job item (cursor `processed`, guarded) and its entry in the running list. */
import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { whenConditionHolds } from '../../platform/adapters/dynamodb/errors';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { ConditionFailed, transact } from '../../platform/adapters/dynamodb/transact';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { HotlineImportJobRepository, ImportJobRecord } from '../domain/hotline-import-jobs';
import { hotlineImportJobKey, RUNNING_HOTLINE_IMPORTS, runningHotlineImportKey } from './keys';

const fromItem = (i: Record<string, unknown>): ImportJobRecord => {
  // The chunk lease is the runs' business, not part of the job.
  const { PK, SK, entity, chunkLease, ...job } = i;
  void PK;
  void SK;
  void entity;
  void chunkLease;
  return job as unknown as ImportJobRecord;
};
const itemOf = (job: ImportJobRecord) => ({ ...hotlineImportJobKey(job.id), entity: 'HotlineImportJob', ...job });

export class DynamoHotlineImportJobs implements HotlineImportJobRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  create(job: ImportJobRecord, claim: IdempotencyClaim): Promise<Once<{ jobId: string }>> {
    return transactOnce(this.doc, this.table, claim, { jobId: job.id }, [
      { name: 'job', write: { Put: { TableName: this.table, Item: itemOf(job), ConditionExpression: 'attribute_not_exists(PK)' } } },
      {
        name: 'running',
        write: { Put: { TableName: this.table, Item: { ...runningHotlineImportKey(job.createdAt, job.id), entity: 'HotlineImportRunning', jobId: job.id } } },
      },
    ]);
  }

  async get(id: string): Promise<ImportJobRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: hotlineImportJobKey(id), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  async running(limit: number): Promise<ImportJobRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': RUNNING_HOTLINE_IMPORTS }, Limit: limit }),
    );
    const ids = (out.Items ?? []).map((i) => String(i.jobId));
    if (ids.length === 0) return [];
    const got = await this.doc.send(
      new BatchGetCommand({ RequestItems: { [this.table]: { Keys: ids.map(hotlineImportJobKey), ConsistentRead: true } } }),
    );
    const byId = new Map((got.Responses?.[this.table] ?? []).map((i) => [String(i.id), fromItem(i)]));
    return ids.map((id) => byId.get(id)).filter((j): j is ImportJobRecord => !!j);
  }

  async claimChunk(id: string, processed: number, nowIso: string, untilIso: string): Promise<boolean> {
    return whenConditionHolds(() => this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: hotlineImportJobKey(id),
        UpdateExpression: 'SET chunkLease = :lease',
        ConditionExpression:
          '#processed = :p AND #status <> :done AND #status <> :failed AND (attribute_not_exists(chunkLease) OR chunkLease.#at <> :p OR chunkLease.#until < :now)',
        ExpressionAttributeNames: { '#processed': 'processed', '#status': 'status', '#at': 'at', '#until': 'until' },
        ExpressionAttributeValues: { ':lease': { at: processed, until: untilIso }, ':p': processed, ':now': nowIso, ':done': 'done', ':failed': 'failed' },
      }),
    ));
  }

  async advance(next: ImportJobRecord, expectedProcessed: number): Promise<boolean> {
    const ended = next.status === 'done' || next.status === 'failed';
    try {
      await transact(
        this.doc,
        [
          {
            name: 'job',
            write: {
              Put: {
                TableName: this.table,
                Item: itemOf(next),
                ConditionExpression: '#processed = :expected AND #status <> :done AND #status <> :failed',
                ExpressionAttributeNames: { '#status': 'status', '#processed': 'processed' },
                ExpressionAttributeValues: { ':expected': expectedProcessed, ':done': 'done', ':failed': 'failed' },
              },
            },
          },
          ...(ended ? [{ name: 'running', write: { Delete: { TableName: this.table, Key: runningHotlineImportKey(next.createdAt, next.id) } } }] : []),
        ],
        { raw: true },
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionFailed) return false;
      throw e;
    }
  }
}
