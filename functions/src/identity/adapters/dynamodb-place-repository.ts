import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BuildingRecord, CommunityRecord, GridRecord, PlaceRepository, StreetRecord } from '../places-port';
import { INDEX, type Key } from '../../platform/adapters/dynamodb/keys';
import { versioned, ALL_STREETS, communitiesOfStreet, communityKey, GRID_CELL_PRECISION, gridCellKey, gridKey, gridsOfCommunity, streetKey } from './keys';
import { cover, encode } from '../../platform/domain/geo/geohash';
import { queryAll } from '../../platform/adapters/dynamodb/query';

function strip<T>(item: Record<string, unknown> | undefined): T | null {
  if (!item) return null;
  const { PK: _pk, SK: _sk, entity: _entity, GSI1PK: _g1, GSI1SK: _g2, gridId: _gridId, ...rest } = item;
  return rest as T;
}

/** Streets, communities and grids. */
export class DynamoPlaceRepository implements PlaceRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async getItem<T>(key: Key): Promise<T | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: key }));
    return strip<T>(out.Item);
  }

  listStreets(): Promise<StreetRecord[]> {
    return this.byGsi1(ALL_STREETS);
  }

  /** One Query of the cell index: the grids whose bounding box touches the point's precision-5 cell. */
  async gridsNear(point: { lat: number; lng: number }): Promise<GridRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': gridCellKey(encode(point.lat, point.lng, GRID_CELL_PRECISION), '').PK },
    });
    // Keep the entries of each street's active map version (one read per street found).
    const versions = new Map(await Promise.all([...new Set(items.map((i) => String(i.streetId)))].map(async (id) => [id, await this.versionOf(id)] as const)));
    return items.filter((i) => (i.mapVersion ?? null) === versions.get(String(i.streetId))).map((i) => ({ ...strip<GridRecord>(i)!, id: String(i.gridId) }));
  }

  getStreet(id: string): Promise<StreetRecord | null> {
    return this.getItem(streetKey(id));
  }

  getCommunity(id: string): Promise<CommunityRecord | null> {
    return this.getItem(communityKey(id));
  }

  getGrid(id: string): Promise<GridRecord | null> {
    return this.getItem(gridKey(id));
  }

  private async byGsi1<T>(pk: string): Promise<T[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
      ExpressionAttributeValues: { ':pk': pk },
    });
    return items.map((i) => strip<T>(i)!);
  }

  /** The street's active map version (lists and locating read that version's partitions). */
  private async versionOf(streetId: string): Promise<string | null> {
    return (await this.getStreet(streetId))?.mapVersion ?? null;
  }

  async listGridsOfCommunity(communityId: string, known?: { community: CommunityRecord; street?: StreetRecord }): Promise<GridRecord[]> {
    const community = known ? known.community : await this.getCommunity(communityId);
    const version = known?.street ? (known.street.mapVersion ?? null) : community ? await this.versionOf(community.streetId) : null;
    return this.byGsi1(versioned(gridsOfCommunity(communityId).GSI1PK, version));
  }

  async listBuildingsOfCommunity(communityId: string): Promise<BuildingRecord[]> {
    const community = await this.getCommunity(communityId);
    const version = community ? await this.versionOf(community.streetId) : null;
    if (!version) return [];
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
      ExpressionAttributeValues: { ':pk': versioned(`COMMUNITY#${communityId}#BUILDINGS`, version) },
    });
    return items.map((b) => ({ id: String(b.id), name: String(b.name), compound: String(b.compound), gridId: String(b.gridId), communityId: String(b.communityId), location: b.location as BuildingRecord['location'] }));
  }

  async listCommunitiesOfStreet(streetId: string): Promise<CommunityRecord[]> {
    return this.byGsi1(versioned(communitiesOfStreet(streetId).GSI1PK, await this.versionOf(streetId)));
  }

  async putStreet(s: StreetRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...streetKey(s.id), entity: 'Street', ...s, [`${INDEX.GSI1}PK`]: ALL_STREETS, [`${INDEX.GSI1}SK`]: `STREET#${s.id}` },
      }),
    );
  }

  async putCommunity(c: CommunityRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...communityKey(c.id),
          entity: 'Community',
          ...c,
          [`${INDEX.GSI1}PK`]: communitiesOfStreet(c.streetId).GSI1PK,
          [`${INDEX.GSI1}SK`]: `COMMUNITY#${c.id}`,
        },
      }),
    );
  }

  async putGrid(g: GridRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...gridKey(g.id),
          entity: 'Grid',
          ...g,
          [`${INDEX.GSI1}PK`]: gridsOfCommunity(g.communityId).GSI1PK,
          [`${INDEX.GSI1}SK`]: `GRID#${g.id}`,
        },
      }),
    );
    // The cell index (locating a point's grid): a copy of the grid under each cell its bounding box touches.
    const lats = g.boundary.map((p) => p.lat);
    const lngs = g.boundary.map((p) => p.lng);
    const cells = cover({ south: Math.min(...lats), north: Math.max(...lats), west: Math.min(...lngs), east: Math.max(...lngs) }, GRID_CELL_PRECISION);
    const { id, ...rest } = g;
    for (const cell of cells) {
      await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...gridCellKey(cell, id), entity: 'GridCell', gridId: id, ...rest } }));
    }
  }
}
