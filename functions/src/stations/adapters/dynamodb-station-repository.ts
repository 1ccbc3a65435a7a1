import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { geoKeyOf, type KeyRange } from '../../platform/domain/geo/search-plan';
import { type StationReport, withCurrentAmenity } from '../domain/report';
import { type Station, withCurrentAmenities } from '../domain/station';
import type { CheckInOutcome, GeoReadResult, StationChanges, StationRepository } from '../ports';
import { cancellationCodes, conditional } from '../../platform/adapters/dynamodb/errors';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { checkInKey, geoPartition, geoSort, keeperIndex, openReportsOfCommunity, openReportsOfStation, REPORT_PREFIX, reportKey, stationKey, visitsKey } from './keys';
import { pick } from '../../platform/adapters/dynamodb/items';
import { queryAll, queryGeoRanges } from '../../platform/adapters/dynamodb/query';

const STATION_FIELDS = [
  'id',
  'name',
  'address',
  'location',
  'sourceDatum',
  'amenities',
  'outOfOrder',
  'hours',
  'status',
  'closureNote',
  'phone',
  'keeperId',
  'communityId',
  'streetId',
  'lastConfirmed',
  'openIssues',
  'createdAt',
  'updatedAt',
  'version',
] as const satisfies readonly (keyof Station)[];

const REPORT_FIELDS = [
  'id',
  'stationId',
  'stationName',
  'communityId',
  'type',
  'amenity',
  'text',
  'status',
  'reportedBy',
  'createdAt',
  'closedAt',
  'closedBy',
  'resolution',
] as const satisfies readonly (keyof StationReport)[];


/** Stored items as the domain reads them (legacy amenity names read as today's). */
const fromStationItem = (item: Record<string, unknown>): Station => withCurrentAmenities(pick<Station>(item, STATION_FIELDS));
const fromReportItem = (item: Record<string, unknown>): StationReport => withCurrentAmenity(pick<StationReport>(item, REPORT_FIELDS));

/** The stored item of a station (main key, geo index keys, keeper index keys). */
export function stationItem(s: Station): Record<string, unknown> {
  const { partition, hash } = geoKeyOf(s.location);
  return {
    ...stationKey(s.id),
    entity: 'Station',
    ...s,
    [`${INDEX.GSI2}PK`]: geoPartition(partition),
    [`${INDEX.GSI2}SK`]: geoSort(hash, s.id),
    ...(s.keeperId ? { [`${INDEX.GSI1}PK`]: keeperIndex(s.keeperId).GSI1PK, [`${INDEX.GSI1}SK`]: `STATION#${s.id}` } : {}),
  };
}

const VISIT_RETENTION_S = 400 * 86400;
const CHECKIN_RETENTION_S = 90 * 86400;

/** Stations, their reports and check-ins in the single table. */
export class DynamoStationRepository implements StationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<Station | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: stationKey(id) }));
    return out.Item ? fromStationItem(out.Item) : null;
  }

  async create(station: Station): Promise<void> {
    await conditional(
      () =>
        this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: stationItem(station),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      () => new ConflictError('驿站编号已存在', 'already_exists'),
    );
  }

  async update(id: string, expectedVersion: number, changes: StationChanges, updatedAt: string): Promise<Station> {
    const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':updatedAt': updatedAt };
    const sets = ['#version = #version + :one', '#updatedAt = :updatedAt'];
    const removes: string[] = [];
    for (const [field, value] of Object.entries(changes)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    if ('keeperId' in changes) {
      names['#k1'] = `${INDEX.GSI1}PK`;
      names['#k2'] = `${INDEX.GSI1}SK`;
      if (changes.keeperId) {
        values[':k1'] = keeperIndex(changes.keeperId).GSI1PK;
        values[':k2'] = `STATION#${id}`;
        sets.push('#k1 = :k1', '#k2 = :k2');
      } else {
        removes.push('#k1', '#k2');
      }
    }
    const out = await conditional(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: stationKey(id),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        ),
      () => new ConflictError(),
    );
    return fromStationItem(out.Attributes!);
  }

  async readGeoRanges(ranges: readonly KeyRange[]): Promise<GeoReadResult> {
    const { items, scanned } = await queryGeoRanges(this.doc, this.table, INDEX.GSI2, ranges, geoPartition);
    return { stations: items.map(fromStationItem), itemsRead: scanned };
  }

  async addReport(report: StationReport, claim: IdempotencyClaim): Promise<Once<{ reportId: string }>> {
    const order = `${report.createdAt}#${report.id}`;
    const issue = {
      reportId: report.id,
      type: report.type,
      ...(report.amenity ? { amenity: report.amenity } : {}),
      text: report.text,
      since: report.createdAt,
    };
    return transactOnce(this.doc, this.table, claim, { reportId: report.id }, [
      {
        name: 'report',
        write: {
          Put: {
            TableName: this.table,
            Item: {
              ...reportKey(report.stationId, report.id),
              entity: 'StationReport',
              ...report,
              [`${INDEX.GSI1}PK`]: openReportsOfStation(report.stationId),
              [`${INDEX.GSI1}SK`]: order,
              [`${INDEX.GSI3}PK`]: openReportsOfCommunity(report.communityId),
              [`${INDEX.GSI3}SK`]: order,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        name: 'station',
        write: {
          Update: {
            TableName: this.table,
            Key: stationKey(report.stationId),
            UpdateExpression: 'SET openIssues.#rid = :issue',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#rid': report.id },
            ExpressionAttributeValues: { ':issue': issue },
          },
        },
        conflict: () => new NotFoundError('驿站'),
      },
    ]);
  }

  async getReport(stationId: string, reportId: string): Promise<StationReport | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: reportKey(stationId, reportId) }));
    return out.Item ? fromReportItem(out.Item) : null;
  }

  async closeReport(report: StationReport): Promise<void> {
    await conditional(
      () =>
        this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.table,
                  Key: reportKey(report.stationId, report.id),
                  UpdateExpression:
                    'SET #status = :closed, closedAt = :at, closedBy = :by, resolution = :res REMOVE #g1p, #g1s, #g3p, #g3s',
                  ConditionExpression: '#status = :open',
                  ExpressionAttributeNames: {
                    '#status': 'status',
                    '#g1p': `${INDEX.GSI1}PK`,
                    '#g1s': `${INDEX.GSI1}SK`,
                    '#g3p': `${INDEX.GSI3}PK`,
                    '#g3s': `${INDEX.GSI3}SK`,
                  },
                  ExpressionAttributeValues: {
                    ':closed': 'closed',
                    ':open': 'open',
                    ':at': report.closedAt,
                    ':by': report.closedBy,
                    ':res': report.resolution,
                  },
                },
              },
              {
                Update: {
                  TableName: this.table,
                  Key: stationKey(report.stationId),
                  UpdateExpression: 'REMOVE openIssues.#rid',
                  ExpressionAttributeNames: { '#rid': report.id },
                },
              },
            ],
          }),
        ),
      () => new ConflictError('该问题已处理', 'already_closed'),
    );
  }

  async listOpenReportsOfStation(stationId: string): Promise<StationReport[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
      ExpressionAttributeValues: { ':pk': openReportsOfStation(stationId) },
    });
    return items.map(fromReportItem);
  }

  async listRecentClosedReportsOfStation(stationId: string, limit: number): Promise<StationReport[]> {
    // Newest first, pages of reports of any status filtered to the closed ones, until `limit` are found.
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        FilterExpression: '#status = :closed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': stationKey(stationId).PK, ':prefix': REPORT_PREFIX, ':closed': 'closed' },
        ScanIndexForward: false,
        Limit: Math.max(limit, 100),
      },
      limit,
    );
    return items.map(fromReportItem);
  }

  async listOpenReportsOfCommunity(communityId: string): Promise<StationReport[]> {
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        IndexName: INDEX.GSI3,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI3}PK` },
        ExpressionAttributeValues: { ':pk': openReportsOfCommunity(communityId) },
      },
      500,
    );
    return items.map(fromReportItem);
  }

  async checkIn(stationId: string, userId: string, day: string, at: string): Promise<CheckInOutcome> {
    const nowS = Math.floor(Date.parse(at) / 1000);
    let counted = true;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...checkInKey(stationId, day, userId),
                  entity: 'CheckIn',
                  stationId,
                  userId,
                  at,
                  expiresAt: nowS + CHECKIN_RETENTION_S,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: visitsKey(stationId, day),
                UpdateExpression: 'ADD visitors :one SET expiresAt = :exp, #entity = :entity',
                ExpressionAttributeNames: { '#entity': 'entity' },
                ExpressionAttributeValues: { ':one': 1, ':exp': nowS + VISIT_RETENTION_S, ':entity': 'Visits' },
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: stationKey(stationId),
                UpdateExpression: 'SET lastConfirmed = :confirmed',
                // The station must be open: checked in the write itself, not by a read before it.
                ConditionExpression: 'attribute_exists(PK) AND #status = :open',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':confirmed': { at, by: 'checkin' }, ':open': 'open' },
              },
            },
          ],
        }),
      );
    } catch (e) {
      const codes = cancellationCodes(e);
      // No station, or not open (whether or not the rider checked in already): read only on refusal to say which.
      if (codes?.[2] === 'ConditionalCheckFailed') return { refused: (await this.get(stationId)) ? 'closed' : 'missing' };
      if (!codes || codes[0] !== 'ConditionalCheckFailed') throw e;
      counted = false;
    }
    return { counted, visitors: await this.visitorsOn(stationId, day, true) };
  }

  async visitorsOn(stationId: string, day: string, consistent = false): Promise<number> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: visitsKey(stationId, day), ConsistentRead: consistent }),
    );
    return typeof out.Item?.visitors === 'number' ? out.Item.visitors : 0;
  }
}
