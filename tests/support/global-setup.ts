import { startDynamoLocal } from '../../infra/local/dynamodb-local';

/** One in-memory DynamoDB Local for the whole run; each test file creates its own table in it. */
export default async function globalSetup(): Promise<void> {
  const db = await startDynamoLocal();
  process.env.LINLI_TEST_DB = db.endpoint;
  // Business metrics (EMF lines on stdout) stay off in tests; tests/unit/platform/observe.test.ts turns them on.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  (globalThis as { __linliDb?: typeof db }).__linliDb = db;
}
