import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
    return documentClient(client);
  };
  const writer = make();
  if (!cfg.readOnlyRoleArn || cfg.endpoint) return writer;
  const reader = make(fromTemporaryCredentials({ params: { RoleArn: cfg.readOnlyRoleArn, RoleSessionName: `linli-${cfg.functionName ?? 'fn'}-read`, DurationSeconds: 3600 }, clientConfig: { region: cfg.region } }));
  return routeReads(writer, reader);
}
