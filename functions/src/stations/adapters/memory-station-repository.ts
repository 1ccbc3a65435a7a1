import { ConflictError } from '../../platform/domain/errors';
import { geoKeyOf, type KeyRange } from '../../platform/domain/geo/search-plan';
import type { IdempotencyClaim, IdempotencyReceipt, Once } from '../../platform/domain/idempotency';
import type { StationReport } from '../domain/report';
import type { Station } from '../domain/station';
import type { CheckInOutcome, GeoReadResult, StationChanges, StationRepository } from '../ports';

const clone = <T>(x: T): T => structuredClone(x);

/** An in-memory StationRepository with the same semantics as the DynamoDB one (for domain tests). */
export class MemoryStationRepository implements StationRepository {
  readonly stations = new Map<string, Station>();
  readonly reports = new Map<string, StationReport>();
  readonly checkIns = new Set<string>();
  readonly visits = new Map<string, number>();

  async get(id: string): Promise<Station | null> {
    const s = this.stations.get(id);
    return s ? clone(s) : null;
  }

  async create(station: Station): Promise<void> {
    if (this.stations.has(station.id)) throw new ConflictError('驿站编号已存在', 'already_exists');
    this.stations.set(station.id, clone(station));
  }

  async update(id: string, expectedVersion: number, changes: StationChanges, updatedAt: string): Promise<Station> {
    const s = this.stations.get(id);
    if (!s || s.version !== expectedVersion) throw new ConflictError();
    const next: Station = { ...s, ...clone(changes), version: s.version + 1, updatedAt };
    this.stations.set(id, next);
    return clone(next);
  }

  async readGeoRanges(ranges: readonly KeyRange[]): Promise<GeoReadResult> {
    const stations: Station[] = [];
    let itemsRead = 0;
    for (const r of ranges) {
      for (const s of this.stations.values()) {
        const { partition, hash } = geoKeyOf(s.location);
        if (partition === r.partition && hash >= r.from && hash <= `${r.to}~`) {
          itemsRead++;
          stations.push(clone(s));
        }
      }
    }
    return { stations, itemsRead };
  }

  private readonly receipts = new Map<string, IdempotencyReceipt<{ reportId: string }>>();

  async addReport(report: StationReport, claim: IdempotencyClaim): Promise<Once<{ reportId: string }>> {
    const receiptKey = `${claim.operation}#${claim.callerId}#${claim.key}`;
    const earlier = this.receipts.get(receiptKey);
    if (earlier) return { created: false, receipt: earlier };
    const s = this.stations.get(report.stationId);
    if (!s || this.reports.has(report.id)) throw new ConflictError();
    this.receipts.set(receiptKey, { bodyHash: claim.bodyHash, outcome: { reportId: report.id } });
    this.reports.set(report.id, clone(report));
    s.openIssues[report.id] = {
      reportId: report.id,
      type: report.type,
      ...(report.amenity ? { amenity: report.amenity } : {}),
      text: report.text,
      since: report.createdAt,
    };
    return { created: true };
  }

  async getReport(stationId: string, reportId: string): Promise<StationReport | null> {
    const r = this.reports.get(reportId);
    return r && r.stationId === stationId ? clone(r) : null;
  }

  async closeReport(report: StationReport): Promise<void> {
    const stored = this.reports.get(report.id);
    if (!stored || stored.status !== 'open') throw new ConflictError('该问题已处理', 'already_closed');
    this.reports.set(report.id, clone(report));
    delete this.stations.get(report.stationId)?.openIssues[report.id];
  }

  async listOpenReportsOfStation(stationId: string): Promise<StationReport[]> {
    return [...this.reports.values()].filter((r) => r.stationId === stationId && r.status === 'open').map(clone);
  }

  async listRecentClosedReportsOfStation(stationId: string, limit: number): Promise<StationReport[]> {
    return [...this.reports.values()]
      .filter((r) => r.stationId === stationId && r.status === 'closed')
      .sort((a, b) => b.id.localeCompare(a.id))
      .slice(0, limit)
      .map(clone);
  }

  async listOpenReportsOfCommunity(communityId: string): Promise<StationReport[]> {
    return [...this.reports.values()].filter((r) => r.communityId === communityId && r.status === 'open').map(clone);
  }

  async checkIn(stationId: string, userId: string, day: string, at: string): Promise<CheckInOutcome> {
    const station = this.stations.get(stationId);
    if (!station) return { refused: 'missing' };
    if (station.status !== 'open') return { refused: 'closed' };
    const key = `${stationId}#${day}#${userId}`;
    const counted = !this.checkIns.has(key);
    if (counted) {
      this.checkIns.add(key);
      this.visits.set(`${stationId}#${day}`, (this.visits.get(`${stationId}#${day}`) ?? 0) + 1);
      const s = this.stations.get(stationId);
      if (s) s.lastConfirmed = { at, by: 'checkin' };
    }
    return { counted, visitors: this.visits.get(`${stationId}#${day}`) ?? 0 };
  }

  async visitorsOn(stationId: string, day: string): Promise<number> {
    return this.visits.get(`${stationId}#${day}`) ?? 0;
  }
}
