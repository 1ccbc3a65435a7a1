/**
 * The write guard every function's DynamoDB client carries: read-only routes write nothing but the
 * token cache; a function writes only its job's partition keys (the same table as its IAM role).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inRoute, matches, refusal, writtenKeys } from '../../../functions/src/platform/adapters/dynamodb/access-guard';
import { routeReads } from '../../../functions/src/platform/adapters/dynamodb/client';

const S = (v: string) => ({ S: v });

describe('access guard', () => {
  it('matches partition keys as IAM StringLike does', () => {
    expect(matches('USER#*', 'USER#01J')).toBe(true);
    expect(matches('USER#*', 'OPENID#x')).toBe(false);
    expect(matches('REQ#*', 'REQNO#5')).toBe(false);
    expect(matches('A?C', 'ABC')).toBe(true);
    expect(matches('A.C', 'ABC')).toBe(false); // a dot is a dot
  });

  it('finds the partition keys of every kind of write, and none in a read', () => {
    expect(writtenKeys('PutItemCommand', { Item: { PK: S('STATION#1'), SK: S('META') } })).toEqual(['STATION#1']);
    expect(writtenKeys('UpdateItemCommand', { Key: { PK: S('REQ#1') } })).toEqual(['REQ#1']);
    expect(writtenKeys('TransactWriteItemsCommand', { TransactItems: [{ Put: { Item: { PK: S('A#1') } } }, { Update: { Key: { PK: S('B#1') } } }, { Delete: { Key: { PK: S('C#1') } } }, { ConditionCheck: { Key: { PK: S('D#1') } } }] })).toEqual(['A#1', 'B#1', 'C#1']);
    expect(writtenKeys('BatchWriteItemCommand', { RequestItems: { t: [{ PutRequest: { Item: { PK: S('E#1') } } }, { DeleteRequest: { Key: { PK: S('F#1') } } }] } })).toEqual(['E#1', 'F#1']);
    expect(writtenKeys('QueryCommand', {})).toBeNull();
    expect(writtenKeys('GetItemCommand', { Key: { PK: S('USER#1') } })).toBeNull();
  });

  it("refuses a write outside the function's keys, and any write but the token cache on a read-only route", () => {
    expect(refusal('stations', 'PutItemCommand', { Item: { PK: S('STATION#1') } }, null)).toBeNull();
    expect(refusal('stations', 'PutItemCommand', { Item: { PK: S('ACCT#u1') } }, null)).toMatch(/stations may not write ACCT#u1/);
    expect(refusal('stations', 'TransactWriteItemsCommand', { TransactItems: [{ Put: { Item: { PK: S('STATION#1') } } }, { Put: { Item: { PK: S('REQ#1') } } }] }, null)).toMatch(/REQ#1/);
    expect(refusal('stations', 'GetItemCommand', { Key: { PK: S('ACCT#u1') } }, null)).toBeNull();
    const get = { route: 'GET /stations/{id}' };
    expect(refusal('stations', 'PutItemCommand', { Item: { PK: S('STATION#1') } }, get)).toMatch(/read-only route GET \/stations\/\{id\} may not write/);
    expect(refusal('identity', 'UpdateItemCommand', { Key: { PK: S('WXTOKEN#wx1') } }, { route: 'GET /invitations/{code}/wxacode' })).toBeNull();
    expect(refusal('nobody', 'PutItemCommand', { Item: { PK: S('X#1') } }, null)).toMatch(/no access policy/);
  });

  it('sends a GET route\'s commands as the read-only role, every other route\'s as the function', async () => {
    const sent: string[] = [];
    const fake = (who: string) => ({ send: async () => sent.push(who), config: { who } }) as unknown as DynamoDBDocumentClient;
    const doc = routeReads(fake('function'), fake('reader'));
    await inRoute({ method: 'GET', path: '/stations' }, async () => doc.send({} as never));
    await inRoute({ method: 'POST', path: '/stations' }, async () => doc.send({} as never));
    await doc.send({} as never); // the tick, outside any route
    await inRoute({ method: 'GET', path: '/me' }, async () => Promise.all([doc.send({} as never), doc.send({} as never)]));
    expect(sent).toEqual(['reader', 'function', 'function', 'reader', 'reader']);
    expect((doc as unknown as { config: { who: string } }).config.who).toBe('function');
  });
});
