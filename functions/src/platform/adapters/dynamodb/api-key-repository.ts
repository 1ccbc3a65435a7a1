import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, ApiKeyRepository } from '../../ports/api-keys';
import { apiKeyKey } from './keys';

export class DynamoApiKeyRepository implements ApiKeyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(keyHash: string): Promise<ApiKeyRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: apiKeyKey(keyHash) }));
    if (!out.Item) return null;
    const { partnerId, name, streetId, scopes } = out.Item as ApiKeyRecord;
    return { partnerId, name, streetId, scopes };
  }

  async put(keyHash: string, record: ApiKeyRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...apiKeyKey(keyHash), entity: 'ApiKey', ...record } }));
  }
}
