/**
 * The local store's table (`npm start` persists it under .data/): a table created before an index was
 * added to infra/tables.js gets the index when the stack starts, so its reads do not fail.
 */
import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureMainTable } from '../../infra/local/dynamodb-local';
import { mainTableDefinition } from '../../infra/tables';

const endpoint = process.env.LINLI_TEST_DB!;

describe('the local main table', () => {
  const client = new DynamoDBClient({ region: 'local', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  afterAll(() => client.destroy());

  it('gets an index it lacks (GSI5, narrow) when it already exists', async () => {
    const table = `t-${randomBytes(5).toString('hex')}`;
    const def = mainTableDefinition();
    const older = {
      ...def,
      AttributeDefinitions: def.AttributeDefinitions!.filter((a) => !a.AttributeName!.startsWith('GSI5')),
      GlobalSecondaryIndexes: def.GlobalSecondaryIndexes!.filter((i) => i.IndexName !== 'GSI5'),
    };
    await client.send(new CreateTableCommand({ TableName: table, ...older }));
    try {
      expect(await ensureMainTable(endpoint, table)).toBe('exists');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
      const gsi5 = Table!.GlobalSecondaryIndexes!.find((i) => i.IndexName === 'GSI5');
      expect(gsi5?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['level', 'status', 'gridId', 'unitId', 'communityId'] });
      expect(Table!.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(['GSI1', 'GSI2', 'GSI3', 'GSI4', 'GSI5']);
      // A second start changes nothing.
      expect(await ensureMainTable(endpoint, table)).toBe('exists');
    } finally {
      await client.send(new DeleteTableCommand({ TableName: table }));
    }
  });
});
