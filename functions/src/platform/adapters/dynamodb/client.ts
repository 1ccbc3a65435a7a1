import { DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { guardWrites, inReadOnlyRoute } from './access-guard';

export interface DynamoConfig {
  region: string;
  /** Set for DynamoDB Local; absent in AWS. */
  endpoint?: string;
  /** The function whose client this is: its writes are checked against its access policy. */
  functionName?: string;
  /**
   * The role read-only routes (GET) run their queries as (infra/roles.js: reads, and the WeChat token
   * cache), assumed once per container and renewed by the SDK; unset locally.
   */
  readOnlyRoleArn?: string;
}

/** What one command consumed, as DynamoDB reported it (`ReturnConsumedCapacity: 'INDEXES'`). */
export interface CapacityReport {
  /** The function whose client sent it (makeDocumentClient's `functionName`; unset for tools and seeding). */
  functionName: string | undefined;
  /** The low-level command (`PutItemCommand`, `TransactWriteItemsCommand`, …). */
  command: string;
  /** The command's input as sent (document form for document-client commands, marshalled for low-level ones). */
  input: Record<string, unknown>;
  /** Per table, with its Table/GlobalSecondaryIndexes breakdown (an array even where DynamoDB answers with one object). */
  consumed: ConsumedCapacity[];
  /** The error's name when the command failed: DynamoDB reports no capacity then, though a failed conditional write is billed. */
  error?: string;
}

export type CapacityListener = (report: CapacityReport) => void;

/** The commands the product sends that report consumed capacity (it never scans: no Scan on any path, none granted). */
const METERED = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
]);

/** Process-wide listeners: production registers none, and then no command is changed. */
const capacityListeners = new Set<CapacityListener>();

/**
 * Meters DynamoDB's consumed capacity (the simulation's price, tests/sim): while a listener is
 * registered, every command sent by any client of makeDocumentClient asks for
 * `ReturnConsumedCapacity: 'INDEXES'` and its answer is reported to the listener (and taken out of
 * the output unless the caller asked for it, so the code above sees what it sees in production).
 * Returns the function that unregisters the listener.
 */
export function meterCapacity(listener: CapacityListener): () => void {
  capacityListeners.add(listener);
  return () => void capacityListeners.delete(listener);
}

function report(r: CapacityReport): void {
  for (const l of capacityListeners) l(r);
}

/** Adds the capacity meter to a client (inert while no listener is registered). */
function meterClient(client: DynamoDBClient, functionName: string | undefined): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (capacityListeners.size === 0 || !METERED.has(command)) return next(args);
      const asked = (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity;
      const input = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'INDEXES' };
      let result;
      try {
        result = await next({ ...args, input });
      } catch (e) {
        report({ functionName, command, input, consumed: [], error: (e as Error).name ?? 'Error' });
        throw e;
      }
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      const consumed = output.ConsumedCapacity;
      report({ functionName, command, input, consumed: consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed] });
      if (asked === undefined || asked === 'NONE') delete output.ConsumedCapacity;
      return result;
    },
    { step: 'initialize', name: 'linliCapacityMeter' },
  );
}

function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

/**
 * One document client whose commands go out as `reader` while a read-only route runs and as
 * `writer` otherwise — so in AWS a GET route cannot write whatever its code does: IAM refuses it.
 */
export function routeReads(writer: DynamoDBDocumentClient, reader: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return new Proxy(writer, {
    get(target, key, receiver) {
      if (key === 'send') return (...args: Parameters<DynamoDBDocumentClient['send']>) => (inReadOnlyRoute() ? reader : target).send(...args);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The document client used by every repository (one per process). */
export function makeDocumentClient(cfg: DynamoConfig): DynamoDBDocumentClient {
  const make = (credentials?: DynamoDBClient['config']['credentials']) => {
    const client = new DynamoDBClient({
      region: cfg.region,
      ...(cfg.endpoint ? { endpoint: cfg.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : credentials ? { credentials } : {}),
      maxAttempts: 3,
    });
    if (cfg.functionName) guardWrites(client, cfg.functionName);
    meterClient(client, cfg.functionName);
    return documentClient(client);
  };
  const writer = make();
  if (!cfg.readOnlyRoleArn || cfg.endpoint) return writer;
  const reader = make(fromTemporaryCredentials({ params: { RoleArn: cfg.readOnlyRoleArn, RoleSessionName: `linli-${cfg.functionName ?? 'fn'}-read`, DurationSeconds: 3600 }, clientConfig: { region: cfg.region } }));
  return routeReads(writer, reader);
}
