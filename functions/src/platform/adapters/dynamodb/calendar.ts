/** The holiday calendar in the single table: `CALENDAR` / `YEAR#yyyy`, one item per loaded year. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CalendarYear } from '@linli/shared';
import type { CalendarStore } from '../../ports/calendar';
import type { TaskStateStore } from '../../ports/task-state';
import { ConflictError } from '../../domain/errors';
import { conditional } from './errors';
import { CALENDAR_PARTITION, calendarKey, taskStateKey } from './keys';
import { pick } from './items';
import { queryAll } from './query';

const FIELDS = ['year', 'holidays', 'workdays', 'source', 'loadedAt', 'loadedBy'] as const;

export class DynamoCalendarStore implements CalendarStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async list(): Promise<CalendarYear[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': CALENDAR_PARTITION },
      ConsistentRead: true,
    });
    return items.map((i) => CalendarYear.parse(pick(i, FIELDS)));
  }

  async put(y: CalendarYear): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...calendarKey(y.year), entity: 'CalendarYear', ...y } }));
  }
}

/** Tick task progress: `TICK#<task>` / `STATE`, versioned. */
export class DynamoTaskStateStore implements TaskStateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get<T>(task: string): Promise<{ state: T; version: number } | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: taskStateKey(task), ConsistentRead: true }));
    return out.Item ? { state: out.Item.state as T, version: Number(out.Item.version) } : null;
  }

  async put<T>(task: string, state: T, version: number): Promise<void> {
    await conditional(
      () =>
        this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...taskStateKey(task), entity: 'TaskState', state, version: version + 1 },
            ConditionExpression: version === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
            ...(version === 0 ? {} : { ExpressionAttributeValues: { ':v': version } }),
          }),
        ),
      () => new ConflictError('任务进度已被另一次运行更新', 'task_state_moved', `TICK#${task}`),
    );
  }
}
