/**
 * Street map imports: staged as a header and JSON parts; activation writes the version's listing
 * copies (`MAPV#<version>#…`, on version-suffixed GSI1 partitions, and cell-index entries tagged
 * with the version), then switches the street's `mapVersion` in one conditional write — from then
 * on every list and every locating reads the new map — and finally rewrites the items read by id.
 */
import { BatchWriteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import { cover } from '../../platform/domain/geo/geohash';
import { conditional } from '../../platform/adapters/dynamodb/errors';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import type { StreetMap } from '../domain/street-map';
import type { MapImportRecord, StreetMapRepository } from '../ports';
import {
  communitiesOfStreet,
  communityKey,
  GRID_CELL_PRECISION,
  gridCellKey,
  gridKey,
  gridsOfCommunity,
  mapCopyKey,
  mapImportKey,
  mapImportPartKey,
  streetKey,
  versioned,
} from './keys';

const PART_CHARS = 300_000;
const HEADER_FIELDS = ['id', 'streetId', 'status', 'counts', 'createdAt', 'createdBy', 'activatedAt'] as const;
/** Staged imports nobody activates are removed by TTL after this long. */
const STAGED_RETENTION_S = 30 * 86400;

type Item = Record<string, unknown>;

export class DynamoStreetMapRepository implements StreetMapRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async putAll(items: Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] ?? []) as typeof pending;
      }
    }
  }

  async stage(header: MapImportRecord, map: StreetMap, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    const text = JSON.stringify(map);
    const expiresAt = Math.floor(Date.parse(header.createdAt) / 1000) + STAGED_RETENTION_S;
    const parts: Item[] = [];
    for (let n = 0; n * PART_CHARS < text.length; n++) {
      parts.push({ ...mapImportPartKey(header.id, n), entity: 'MapImportPart', data: text.slice(n * PART_CHARS, (n + 1) * PART_CHARS), expiresAt });
    }
    // The parts first (invisible without their header), then the header with the idempotency receipt.
    await this.putAll(parts);
    return transactOnce(this.doc, this.table, claim, { id: header.id }, [
      {
        name: 'import',
        write: { Put: { TableName: this.table, Item: { ...mapImportKey(header.id), entity: 'MapImport', ...header, parts: parts.length }, ConditionExpression: 'attribute_not_exists(PK)' } },
      },
    ]);
  }

  async get(id: string): Promise<MapImportRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: mapImportKey(id), ConsistentRead: true }));
    return out.Item ? pick<MapImportRecord>(out.Item, HEADER_FIELDS) : null;
  }

  async load(id: string): Promise<StreetMap> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :part)',
      ExpressionAttributeValues: { ':pk': mapImportKey(id).PK, ':part': 'PART#' },
      ConsistentRead: true,
    });
    if (!items.length) throw new NotFoundError('导入的数据');
    return JSON.parse(items.map((i) => String(i.data)).join('')) as StreetMap;
  }

  async activate(header: MapImportRecord, map: StreetMap, previousVersion: string | null, at: string): Promise<void> {
    const version = header.id;
    const streetId = header.streetId;
    const communityOf = new Map(map.grids.map((g) => [g.id, g.communityId]));
    const communities = map.communities.map((c) => ({ id: c.id, streetId, name: c.name, boundary: c.boundary }));
    const grids = map.grids.map((g) => ({ id: g.id, communityId: g.communityId, streetId, name: g.name, kind: g.kind, households: g.households, boundary: g.boundary, contacts: [] }));
    const copies: Item[] = [
      ...communities.map((c) => ({
        ...mapCopyKey(version, 'COMMUNITY', c.id), entity: 'Community', ...c,
        [`${INDEX.GSI1}PK`]: versioned(communitiesOfStreet(streetId).GSI1PK, version), [`${INDEX.GSI1}SK`]: `COMMUNITY#${c.id}`,
      })),
      ...grids.map((g) => ({
        ...mapCopyKey(version, 'GRID', g.id), entity: 'Grid', ...g,
        [`${INDEX.GSI1}PK`]: versioned(gridsOfCommunity(g.communityId).GSI1PK, version), [`${INDEX.GSI1}SK`]: `GRID#${g.id}`,
      })),
      ...grids.flatMap((g) => {
        const lats = g.boundary.map((p) => p.lat);
        const lngs = g.boundary.map((p) => p.lng);
        const { id, ...rest } = g;
        return cover({ south: Math.min(...lats), north: Math.max(...lats), west: Math.min(...lngs), east: Math.max(...lngs) }, GRID_CELL_PRECISION).map((cell) => ({
          ...gridCellKey(cell, `${id}#${version}`), entity: 'GridCell', gridId: id, ...rest, mapVersion: version,
        }));
      }),
      ...map.buildings.map((b) => ({
        ...mapCopyKey(version, 'BUILDING', b.id), entity: 'Building', ...b, communityId: communityOf.get(b.gridId),
        [`${INDEX.GSI1}PK`]: versioned(`COMMUNITY#${communityOf.get(b.gridId)}#BUILDINGS`, version), [`${INDEX.GSI1}SK`]: `BUILDING#${b.compound}#${b.name}#${b.id}`,
      })),
    ];
    await this.putAll(copies);
    // The switch: one conditional write; a concurrent activation of another import loses here.
    await conditional(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: streetKey(streetId),
            UpdateExpression: 'SET mapVersion = :v, mapActivatedAt = :at',
            ConditionExpression: previousVersion ? 'mapVersion = :prev' : 'attribute_exists(PK) AND attribute_not_exists(mapVersion)',
            ExpressionAttributeValues: { ':v': version, ':at': at, ...(previousVersion ? { ':prev': previousVersion } : {}) },
          }),
        ),
      () => new ConflictError('街道地图刚被另一次导入更新，请刷新后重试', 'map_changed'),
    );
    await this.doc.send(
      new UpdateCommand({ TableName: this.table, Key: mapImportKey(header.id), UpdateExpression: 'SET #s = :active, activatedAt = :at REMOVE expiresAt', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':active': 'active', ':at': at } }),
    );
    // An active import is kept (its staff file is read again when activation is repeated).
    const { items: parts } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :part)',
      ExpressionAttributeValues: { ':pk': mapImportKey(header.id).PK, ':part': 'PART#' },
      ProjectionExpression: 'PK, SK',
    });
    for (const p of parts) await this.doc.send(new UpdateCommand({ TableName: this.table, Key: { PK: p.PK, SK: p.SK }, UpdateExpression: 'REMOVE expiresAt' }));
    if (previousVersion) {
      await this.doc.send(
        new UpdateCommand({ TableName: this.table, Key: mapImportKey(previousVersion), UpdateExpression: 'SET #s = :superseded', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':superseded': 'superseded' } }),
      ).catch((e: unknown) => {
        // An import loaded before map imports existed has no header; anything else is a real failure.
        if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
      });
    }
    // Items read by id follow (the lists already show the new map).
    await this.putAll([
      ...communities.map((c) => ({ ...communityKey(c.id), entity: 'Community', ...c, mapVersion: version })),
      ...grids.map((g) => ({ ...gridKey(g.id), entity: 'Grid', ...g, mapVersion: version })),
    ]);
  }
}
