import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { guardWrites } from './access-guard';

export interface DynamoConfig {
  region: string;
  /** Set for DynamoDB Local; absent in AWS. */
  endpoint?: string;
  /** The function whose client this is: its writes are checked against its access policy. */
  functionName?: string;
}

/** The document client used by every repository (one per process). */
export function makeDocumentClient(cfg: DynamoConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.endpoint
      ? { endpoint: cfg.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  if (cfg.functionName) guardWrites(client, cfg.functionName);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
