// @ts-check
/**
 * The DynamoDB table definitions: the single source for serverless.yml (deploy), the local store
 * (`npm start`) and the tests. Index names and the TTL attribute belong to the key design
 * (functions/src/platform/adapters/dynamodb/table-design.json, read here and by the adapters);
 * what fills them is documented in docs/data-model.md.
 */
const design = require('../functions/src/platform/adapters/dynamodb/table-design.json');

/** Global secondary index names; every item that sets GSIxPK/GSIxSK appears in GSIx. */
const INDEX = Object.freeze(Object.fromEntries(design.indexes.map((/** @type {string} */ n) => [n, n])));

/** Attribute DynamoDB's TTL deletes items by (epoch seconds). */
const TTL_ATTRIBUTE = design.ttlAttribute;

/**
 * Narrow indexes project only the attributes their readers use (keys and the named ones); every
 * other index projects whole items (ALL).
 * @type {Record<string, string[]>}
 */
const NARROW = design.narrowIndexes ?? {};

/** @param {string} name */
const gsi = (name) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}PK`, KeyType: 'HASH' },
    { AttributeName: `${name}SK`, KeyType: 'RANGE' },
  ],
  Projection: NARROW[name] ? { ProjectionType: 'INCLUDE', NonKeyAttributes: NARROW[name] } : { ProjectionType: 'ALL' },
});

/**
 * The main (single) table, as CreateTable input without the table name.
 * @returns {{AttributeDefinitions: {AttributeName: string, AttributeType: 'S'}[], KeySchema: {AttributeName: string, KeyType: 'HASH'|'RANGE'}[], GlobalSecondaryIndexes: ReturnType<typeof gsi>[], BillingMode: 'PAY_PER_REQUEST'}}
 */
function mainTableDefinition() {
  const attrs = ['PK', 'SK'];
  for (const name of Object.values(INDEX)) attrs.push(`${name}PK`, `${name}SK`);
  return {
    AttributeDefinitions: attrs.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.values(INDEX).map(gsi),
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/** Table name for a stage: the one naming rule used everywhere. */
/** @param {string} stage */
const mainTableName = (stage) => `linli-${stage}-main`;

/**
 * CloudFormation resources for serverless.yml (`resources: ${file(./infra/tables.js):cloudFormation}`).
 * The table name is resolved by the framework from `custom.tableName`.
 */
function cloudFormation() {
  const def = mainTableDefinition();
  return {
    Resources: {
      MainTable: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          TableName: '${self:custom.tableName}',
          ...def,
          TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          SSESpecification: { SSEEnabled: true },
        },
      },
    },
    Outputs: {
      MainTableName: { Value: { Ref: 'MainTable' } },
    },
  };
}

module.exports = { INDEX, TTL_ATTRIBUTE, mainTableDefinition, mainTableName, cloudFormation };
