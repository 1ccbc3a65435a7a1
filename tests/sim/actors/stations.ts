/**
 * 暖新驿站 in the simulation: riders during their shifts (lunch 10:30–13:30, dinner 17:00–20:30,
 * some a late-night shift) search the stations near them with the amenities they need, check in at
 * the nearest open one and now and then report a problem; keepers close reports some hours later,
 * mark amenities out of order (after a report, or on their own) and now and then close the station
 * for a few hours. The recount keeps its own picture of every station (status, outages, open
 * reports, today's visitors) and reads the opening hours itself from the calendar files, then checks
 * every nearby answer against it (only open stations when asked, the amenities asked and working,
 * inside the radius, nearest first, none missing), every acknowledged check-in and report, and each
 * day the stations that were active: their visitors, outages and open reports (the keeper's list and
 * the community's).
 */
import type { NearbyResponse, OpeningHours, ReportDto, StationDetailDto, CheckInResponse } from '@linli/shared';
import { wgs84ToGcj02 } from '../../../functions/src/platform/domain/geo/datum';
import type { Station } from '../../../functions/src/stations/domain/station';
import type { Sim } from '../engine/context';
import { addDaysTo, chinaDate, chinaMidnight, type SimCalendar } from '../oracle';

/** Reports per check-in (task figure: about 2 %). */
export const REPORTS_PER_CHECKIN = 0.02;
/** What riders look for, with weights (none: any station will do). */
const NEEDS: [amenity: string | null, weight: number][] = [
  [null, 8], ['water', 4], ['phone_charging', 4], ['ebike_charging', 3], ['toilet', 3], ['rest', 2], ['food_heating', 2], ['rain_shelter', 1],
];
/** Shifts (China time minutes of the day; the late one runs past midnight). */
const SHIFTS: { name: string; from: number; to: number; visits: number }[] = [
  { name: 'lunch', from: 10 * 60 + 30, to: 13 * 60 + 30, visits: 1.3 },
  { name: 'dinner', from: 17 * 60, to: 20 * 60 + 30, visits: 1.6 },
];
const LATE = { name: 'late', from: 21 * 60 + 30, to: 25 * 60 + 30, visits: 1 };
const NOTES: Record<string, string> = {
  water: '饮水机维修中', phone_charging: '充电插座烧坏，等电工', ebike_charging: '充电柜检修', toilet: '卫生间水管检修', rest: '休息区整修',
  food_heating: '微波炉坏了，已报修', rain_shelter: '雨棚加固中', wifi: '网络故障，已联系运营商', first_aid: '药箱补充中', repair_tools: '工具借出未还',
  heatstroke_medicine: '防暑药品补货中', battery_swap: '换电柜维护中',
};
const CLOSURES = ['停电检修，暂停开放', '站内消杀，暂停开放几小时', '站长临时外出，稍后开放'];
/** Metres of slack between the recount's distance and the product's (datum round trip, rounding). */
const SLACK_M = 3;

interface StationState {
  status: 'open' | 'temporarily_closed';
  /** Amenities out of order now, with the keeper's note. */
  outOfOrder: Record<string, string>;
  /** Open reports: id → type, amenity, reporter. */
  open: Record<string, { type: string; amenity: string | null; by: string; at: number }>;
}

export interface StationsState {
  stations: Record<string, StationState>;
  /** Riders who checked in, per `stationId|date`. */
  visitors: Record<string, string[]>;
  /** Stations with something done today (checked at the day's end). */
  active: string[];
  /** Reports closed today, per station. */
  closedToday: Record<string, string[]>;
  searches: number;
  emptyAnswers: number;
  listed: number;
  checkIns: number;
  counted: number;
  reports: number;
  closed: number;
  outages: number;
  closures: number;
  uncertain: number;
}

export const emptyStations = (): StationsState => ({
  stations: {}, visitors: {}, active: [], closedToday: {}, searches: 0, emptyAnswers: 0, listed: 0, checkIns: 0, counted: 0, reports: 0, closed: 0, outages: 0, closures: 0, uncertain: 0,
});

type VisitData = { key: string; tag: string; riderId: string; lat: number; lng: number; amenities: string[]; openNow: boolean; radius: number; report: boolean };

const toMin = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The recount's reading of opening hours: each interval belongs to the day it opens on, and a close at or before the open runs into the next day. */
export function openByHours(hours: OpeningHours, ms: number, cal: SimCalendar): boolean {
  if (hours.kind === 'always') return true;
  const date = chinaDate(ms);
  const minute = (ms - chinaMidnight(date)) / 60000;
  for (const [day, offset] of [[addDaysTo(date, -1), -1440], [date, 0]] as const) {
    const list = cal.isHoliday(day) ? (hours.holiday ?? hours.restday) : cal.isWorkday(day) ? hours.workday : hours.restday;
    for (const i of list) {
      const open = toMin(i.open);
      let close = i.close === '24:00' ? 1440 : toMin(i.close);
      if (close <= open) close += 1440;
      if (minute >= open + offset && minute < close + offset) return true;
    }
  }
  return false;
}

/** Great-circle distance (the recount's own, mean Earth radius). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const x = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(x)));
}

export class StationsActor {
  private byId: Map<string, Station>;
  /** Changes in flight per station (keeper patches, reports): answers read meanwhile may show either side. */
  private busy = new Map<string, number>();
  private seq = new Map<string, number>();
  /** Check-ins in flight per station (another rider's may be counted before ours is answered). */
  private arriving = new Map<string, number>();

  /** A resumed run replays its unfinished day: what the product already did then is accepted once more. */
  private replaying: boolean;

  constructor(
    private sim: Sim,
    readonly state: StationsState,
    resumed = false,
  ) {
    this.replaying = resumed;
    this.byId = new Map(sim.city.stations.map((s) => [s.id, s]));
    for (const s of sim.city.stations) state.stations[s.id] ??= { status: 'open', outOfOrder: {}, open: {} };
  }

  private touch(stationId: string): void {
    if (!this.state.active.includes(stationId)) this.state.active.push(stationId);
  }

  /** Runs a change to a station, marking it in flight meanwhile. */
  private async changing<T>(stationId: string, fn: () => Promise<T>): Promise<T> {
    this.busy.set(stationId, (this.busy.get(stationId) ?? 0) + 1);
    this.seq.set(stationId, (this.seq.get(stationId) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.busy.set(stationId, this.busy.get(stationId)! - 1);
      this.seq.set(stationId, (this.seq.get(stationId) ?? 0) + 1);
      this.touch(stationId);
    }
  }

  private keeper(stationId: string) {
    return this.sim.people.user(this.byId.get(stationId)!.keeperId!);
  }

  /** The first whole minute at or after `at` when keepers do their rounds (08:00–22:00). */
  private keeperTime(at: number): number {
    const date = chinaDate(at);
    const m = (at - chinaMidnight(date)) / 60000;
    if (m < 8 * 60) return chinaMidnight(date) + 8 * 3600_000;
    if (m >= 22 * 60) return chinaMidnight(addDaysTo(date, 1)) + 8 * 3600_000;
    return at;
  }

  /** Today's rider visits and the keepers' own doings. */
  planDay(): void {
    const { sim } = this;
    const r = sim.today.rng;
    const riders = sim.city.people.filter((p) => p.user.roles.includes('rider'));
    const residents = sim.city.people.filter((p) => p.user.roles.includes('resident'));
    const weights = NEEDS.map(([, w]) => w);
    for (const rider of riders) {
      if (!r.chance(0.8 + 0.15 * rider.activity)) continue; // a day off
      const shifts = r.chance(0.2) ? [...SHIFTS, LATE] : SHIFTS;
      let n = 0;
      for (const shift of shifts) {
        const visits = 1 + r.poisson((shift.visits - 1) * rider.activity * 2);
        for (let v = 0; v < visits; v++) {
          const minute = shift.from + r.int(shift.to - shift.from);
          // Out on a delivery: near some resident's home.
          const near = r.pick(residents).home;
          const amenities = new Set<string>();
          for (let k = r.chance(0.3) ? 2 : 1; k > 0; k--) {
            const a = NEEDS[r.weighted(weights)]![0];
            if (a) amenities.add(a);
          }
          const data: VisitData = {
            key: `ride-${rider.user.id}`, tag: `${sim.today.index}-${rider.user.id}-${n++}`, riderId: rider.user.id,
            lat: near.lat + (r.next() - 0.5) * 0.004, lng: near.lng + (r.next() - 0.5) * 0.004,
            amenities: [...amenities], openNow: r.chance(0.7), radius: r.chance(0.5) ? 3000 : 5000, report: r.chance(REPORTS_PER_CHECKIN),
          };
          sim.schedule(sim.today.start + minute * 60000, 'ride.visit', data);
        }
      }
    }
    for (const s of sim.city.stations) {
      if (!s.keeperId) continue;
      if (r.chance(0.12)) {
        const amenity = r.pick(s.amenities);
        const at = this.keeperTime(sim.today.start + (8 * 60 + r.int(12 * 60)) * 60000);
        sim.schedule(at, 'ride.outage', { key: `station-${s.id}`, stationId: s.id, amenity, on: true });
        sim.schedule(at + r.logNormal(4, 0.7) * 3600_000, 'ride.outage', { key: `station-${s.id}`, stationId: s.id, amenity, on: false });
      }
      if (r.chance(0.04)) {
        const at = sim.today.start + (9 * 60 + r.int(9 * 60)) * 60000;
        sim.schedule(at, 'ride.shut', { key: `station-${s.id}`, stationId: s.id, open: false, note: r.pick(CLOSURES) });
        sim.schedule(at + r.logNormal(2.5, 0.5) * 3600_000, 'ride.shut', { key: `station-${s.id}`, stationId: s.id, open: true, note: null });
      }
    }
  }

  /** The recount's answer to a nearby query at this minute: matching stations inside the radius (with slack), nearest first. */
  private expected(center: { lat: number; lng: number }, q: VisitData, now: number): { id: string; distance: number }[] {
    const out: { id: string; distance: number }[] = [];
    for (const s of this.sim.city.stations) {
      const st = this.state.stations[s.id]!;
      const distance = metres(center, s.location);
      const open = st.status === 'open' && openByHours(s.hours, now, this.sim.cal);
      const working = q.amenities.every((a) => s.amenities.includes(a as never) && st.outOfOrder[a] === undefined);
      if (working && (!q.openNow || open) && distance <= q.radius + SLACK_M) out.push({ id: s.id, distance });
    }
    return out.sort((a, b) => a.distance - b.distance);
  }

  async visit(d: VisitData): Promise<void> {
    const { sim } = this;
    const rider = sim.people.user(d.riderId);
    const now = sim.clock.ms;
    const gcj = wgs84ToGcj02({ lat: d.lat, lng: d.lng });
    const before = new Map([...this.seq]);
    const res = await sim.world.api.call<NearbyResponse>(rider, 'GET', '/stations/nearby', {
      query: { lat: gcj.lat, lng: gcj.lng, radius: d.radius, amenities: d.amenities.join(',') || undefined, openNow: d.openNow ? 'true' : undefined },
      kind: 'station_search',
    });
    const what = `nearby ${d.tag} (${new Date(now).toISOString()}, ${d.amenities.join('+') || 'any'}${d.openNow ? ', open now' : ''}, ${d.radius} m)`;
    if (res.status !== 200) sim.fail(what, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    this.state.searches++;
    const unsure = (id: string) => (this.busy.get(id) ?? 0) > 0 || (this.seq.get(id) ?? 0) !== (before.get(id) ?? 0);
    const items = res.body.items;
    this.state.listed += items.length;
    if (!items.length) this.state.emptyAnswers++;
    const center = { lat: d.lat, lng: d.lng };
    const want = this.expected(center, d, now);
    // Nearest first.
    for (let i = 1; i < items.length; i++) {
      if (items[i]!.distanceMeters! < items[i - 1]!.distanceMeters!) sim.fail(what, `not sorted by distance: ${items.map((s) => `${s.id}@${s.distanceMeters}`).join(', ')}`);
    }
    // Everything listed belongs there.
    for (const s of items) {
      const station = this.byId.get(s.id);
      if (!station) return sim.fail(what, `lists ${s.id}, a station the city does not have`);
      const st = this.state.stations[s.id]!;
      const distance = metres(center, station.location);
      if (Math.abs(distance - s.distanceMeters!) > SLACK_M) sim.fail(what, `${s.id} is ${s.distanceMeters} m away, the recount has ${distance.toFixed(1)} m`);
      if (distance > d.radius + SLACK_M) sim.fail(what, `${s.id} at ${distance.toFixed(0)} m is outside the radius`);
      const open = openByHours(station.hours, now, sim.cal);
      if (unsure(s.id)) {
        this.state.uncertain++;
        continue;
      }
      if (s.status !== st.status) sim.fail(what, `${s.id} is ${s.status}, the recount has ${st.status}`);
      if (s.openNow !== (open && st.status === 'open')) sim.fail(what, `${s.id} says openNow ${s.openNow}; by its hours ${JSON.stringify(station.hours)} it is ${open ? 'open' : 'closed'}, status ${st.status}`);
      if (d.openNow && !s.openNow) sim.fail(what, `lists ${s.id}, which is not open now`);
      for (const a of d.amenities) {
        if (!station.amenities.includes(a as never)) sim.fail(what, `lists ${s.id}, which has no ${a}`);
        if (st.outOfOrder[a] !== undefined) sim.fail(what, `lists ${s.id}, whose ${a} is out of order`);
      }
      const outages = s.outOfOrder.map((o) => o.amenity).sort().join(',');
      if (outages !== Object.keys(st.outOfOrder).sort().join(',')) sim.fail(what, `${s.id} shows out of order [${outages}], the recount has [${Object.keys(st.outOfOrder).sort().join(',')}]`);
      const issues = s.openIssues.map((o) => o.reportId).sort().join(',');
      if (issues !== Object.keys(st.open).sort().join(',')) sim.fail(what, `${s.id} shows open issues [${issues}], the recount has [${Object.keys(st.open).sort().join(',')}]`);
    }
    // Nothing missing (up to the limit; stations on the radius's edge or changing meanwhile may go either way).
    const listed = new Set(items.map((s) => s.id));
    const limit = 20;
    for (const w of want.slice(0, limit)) {
      if (listed.has(w.id) || unsure(w.id) || w.distance > d.radius - SLACK_M) continue;
      if (items.length >= limit && w.distance >= items[items.length - 1]!.distanceMeters! - SLACK_M) continue;
      sim.fail(what, `leaves out ${w.id} at ${w.distance.toFixed(0)} m (${this.byId.get(w.id)!.name}), which the recount finds matching; listed ${items.map((s) => s.id).join(', ') || 'nothing'}`);
    }
    // The rider goes to the nearest open one and checks in.
    const pick = items.find((s) => s.openNow);
    if (!pick) return;
    await this.checkIn(d, pick.id, unsure(pick.id));
  }

  private async checkIn(d: VisitData, stationId: string, unsure: boolean): Promise<void> {
    const { sim } = this;
    const rider = sim.people.user(d.riderId);
    const now = sim.clock.ms;
    const dayAtStart = chinaDate(now);
    const atStart = this.state.visitors[`${stationId}|${dayAtStart}`]?.length ?? 0;
    this.arriving.set(stationId, (this.arriving.get(stationId) ?? 0) + 1);
    const res = await sim.world.api.call<CheckInResponse>(rider, 'POST', `/stations/${stationId}/check-ins`, { kind: 'station_check_in' }).finally(() => {
      this.arriving.set(stationId, this.arriving.get(stationId)! - 1);
    });
    if (res.status === 409 && (unsure || (this.busy.get(stationId) ?? 0) > 0)) return;
    if (res.status !== 201) sim.fail(`check-in ${d.tag} at ${stationId}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    this.touch(stationId);
    const day = chinaDate(now);
    const k = `${stationId}|${day}`;
    const seen = (this.state.visitors[k] ??= []);
    const before = seen.includes(rider.id);
    if (res.body.day !== day) sim.fail(`check-in ${d.tag} at ${stationId}`, `counted on ${res.body.day}, the China date is ${day}`);
    if (res.body.alreadyCheckedIn !== before && !(this.replaying && !before)) sim.fail(`check-in ${d.tag} at ${stationId}`, `alreadyCheckedIn ${res.body.alreadyCheckedIn}, the recount has ${before}`);
    if (!before) seen.push(rider.id);
    // Others arriving meanwhile may already be counted.
    const others = this.arriving.get(stationId) ?? 0;
    if (res.body.todayVisitors < atStart + (before ? 0 : 1) || res.body.todayVisitors > seen.length + others) {
      sim.fail(`check-in ${d.tag} at ${stationId}`, `${res.body.todayVisitors} visitors today, the recount has ${seen.length}${others ? ` and ${others} arriving` : ''}`);
    }
    this.state.checkIns++;
    if (!before) this.state.counted++;
    if (d.report) await this.report(d, stationId);
  }

  private async report(d: VisitData, stationId: string): Promise<void> {
    const { sim } = this;
    const r = sim.rngFor(`report-${d.key}`);
    const station = this.byId.get(stationId)!;
    const st = this.state.stations[stationId]!;
    const working = station.amenities.filter((a) => st.outOfOrder[a] === undefined);
    const type = r.pick(['amenity_broken', 'amenity_broken', 'no_water', 'dirty', 'other'] as const);
    const body =
      type === 'amenity_broken' && working.length
        ? { type, amenity: r.pick(working), text: '设施坏了，用不了，麻烦看一下' }
        : type === 'no_water'
          ? { type, text: '饮水机没水了' }
          : type === 'dirty'
            ? { type, text: '休息区有垃圾没清理' }
            : { type: 'other' as const, text: '门口电动车停得太乱，进出不方便' };
    const now = sim.clock.ms;
    const res = await this.changing(stationId, () =>
      sim.world.api.call<{ report: ReportDto }>(sim.people.user(d.riderId), 'POST', `/stations/${stationId}/reports`, { body, key: `sim-${sim.seed}-ride-${d.tag}`, kind: 'station_report' }),
    );
    if (res.status !== 201 && res.status !== 200) sim.fail(`report ${d.tag} at ${stationId}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const rep = res.body.report;
    if (rep.status !== 'open' || rep.stationId !== stationId || rep.communityId !== station.communityId || rep.reportedBy !== d.riderId) {
      sim.fail(`report ${d.tag} at ${stationId}`, `answered ${JSON.stringify(rep).slice(0, 300)}`);
    }
    if (st.open[rep.id]) return; // a resumed day replaying its report
    st.open[rep.id] = { type: rep.type, amenity: rep.amenity, by: d.riderId, at: now };
    this.state.reports++;
    // The keeper looks into it: for a broken amenity, often marks it out of order first.
    const amenity = 'amenity' in body ? body.amenity : null;
    if (amenity && r.chance(0.6)) {
      sim.schedule(this.keeperTime(now + r.logNormal(0.6, 0.6) * 3600_000), 'ride.outage', { key: `station-${stationId}`, stationId, amenity, on: true, reportId: rep.id });
    }
    sim.schedule(this.keeperTime(now + r.logNormal(5, 0.8) * 3600_000), 'ride.close', { key: `station-${stationId}`, stationId, reportId: rep.id });
  }

  /** The keeper marks an amenity out of order (or back in order): the whole list, as he sees it. */
  async outage(d: { stationId: string; amenity: string; on: boolean; reportId?: string }): Promise<void> {
    const st = this.state.stations[d.stationId]!;
    if (d.on === (st.outOfOrder[d.amenity] !== undefined)) return; // already so
    const next = { ...st.outOfOrder };
    if (d.on) next[d.amenity] = NOTES[d.amenity] ?? '暂停使用';
    else delete next[d.amenity];
    await this.patch(d.stationId, { outOfOrder: Object.entries(next).map(([amenity, note]) => ({ amenity, note })) }, `outage ${d.amenity} ${d.on ? 'on' : 'off'}`);
    st.outOfOrder = next;
    if (d.on) this.state.outages++;
  }

  async shut(d: { stationId: string; open: boolean; note: string | null }): Promise<void> {
    const st = this.state.stations[d.stationId]!;
    if ((st.status === 'open') === d.open) return;
    await this.patch(d.stationId, d.open ? { status: 'open' } : { status: 'temporarily_closed', closureNote: d.note }, d.open ? 'reopening' : 'temporary closure');
    st.status = d.open ? 'open' : 'temporarily_closed';
    if (!d.open) this.state.closures++;
  }

  private async patch(stationId: string, body: Record<string, unknown>, what: string): Promise<void> {
    const { sim } = this;
    const res = await this.changing(stationId, () =>
      sim.world.api.call<{ station: StationDetailDto }>(this.keeper(stationId), 'PATCH', `/stations/${stationId}`, { body, kind: 'station_patch' }),
    );
    if (res.status !== 200) sim.fail(`${what} at ${stationId}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const s = res.body.station;
    if (body.outOfOrder) {
      const want = (body.outOfOrder as { amenity: string }[]).map((o) => o.amenity).sort().join(',');
      if (s.outOfOrder.map((o) => o.amenity).sort().join(',') !== want) sim.fail(`${what} at ${stationId}`, `shows out of order ${JSON.stringify(s.outOfOrder)}, sent [${want}]`);
    }
    if (body.status && s.status !== body.status) sim.fail(`${what} at ${stationId}`, `status is ${s.status}, sent ${String(body.status)}`);
  }

  /** The keeper closes a report; a broken amenity he marked out of order is back in order with it. */
  async close(d: { stationId: string; reportId: string }): Promise<void> {
    const { sim } = this;
    const st = this.state.stations[d.stationId]!;
    const rep = st.open[d.reportId];
    if (!rep) return;
    const res = await this.changing(d.stationId, () =>
      sim.world.api.call<{ report: ReportDto }>(this.keeper(d.stationId), 'PATCH', `/stations/${d.stationId}/reports/${d.reportId}`, {
        body: { status: 'closed', resolution: rep.type === 'amenity_broken' ? '已修好，恢复使用' : '已处理，感谢反馈' },
        kind: 'station_report_close',
      }),
    );
    if (res.status === 409 && this.replaying) return void delete st.open[d.reportId];
    if (res.status !== 200) sim.fail(`closing ${d.reportId} at ${d.stationId}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const keeperId = this.byId.get(d.stationId)!.keeperId;
    if (res.body.report.status !== 'closed' || res.body.report.closedBy !== keeperId) sim.fail(`closing ${d.reportId} at ${d.stationId}`, `answered ${JSON.stringify(res.body.report).slice(0, 300)}`);
    delete st.open[d.reportId];
    (this.state.closedToday[d.stationId] ??= []).push(d.reportId);
    this.state.closed++;
    if (rep.amenity && st.outOfOrder[rep.amenity] !== undefined) await this.outage({ stationId: d.stationId, amenity: rep.amenity, on: false });
  }

  /** The stations active today against the recount: visitors, status, outages, open reports (keeper's and community's lists), today's closed reports. */
  async checkDay(): Promise<number> {
    const { sim } = this;
    const date = sim.today.date;
    let checked = 0;
    const communities = new Set<string>();
    for (const id of this.state.active) {
      const station = this.byId.get(id)!;
      const st = this.state.stations[id]!;
      const keeper = this.keeper(id);
      const got = await sim.world.api.call<{ station: StationDetailDto }>(keeper, 'GET', `/stations/${id}`, { kind: 'station_read', recount: true });
      if (got.status !== 200) sim.fail(`station ${id}`, `answered ${got.status}`);
      const s = got.body.station;
      const visitors = this.state.visitors[`${id}|${date}`]?.length ?? 0;
      if (s.todayVisitors !== visitors) sim.fail(`station ${id}`, `${s.todayVisitors} visitors today, the recount has ${visitors}`);
      if (s.status !== st.status) sim.fail(`station ${id}`, `status ${s.status}, the recount has ${st.status}`);
      const outages = s.outOfOrder.map((o) => o.amenity).sort().join(',');
      if (outages !== Object.keys(st.outOfOrder).sort().join(',')) sim.fail(`station ${id}`, `out of order [${outages}], the recount has [${Object.keys(st.outOfOrder).sort().join(',')}]`);
      const wantOpen = Object.keys(st.open).sort().join(',');
      if (s.openIssues.map((o) => o.reportId).sort().join(',') !== wantOpen) sim.fail(`station ${id}`, `open issues [${s.openIssues.map((o) => o.reportId).join(',')}], the recount has [${wantOpen}]`);
      const open = await sim.world.api.call<{ items: ReportDto[] }>(keeper, 'GET', `/stations/${id}/reports`, { kind: 'station_reports', recount: true });
      if (open.status !== 200) sim.fail(`reports of ${id}`, `answered ${open.status}`);
      if (open.body.items.map((x) => x.id).sort().join(',') !== wantOpen) sim.fail(`reports of ${id}`, `open [${open.body.items.map((x) => x.id).join(',')}], the recount has [${wantOpen}]`);
      const closedToday = this.state.closedToday[id] ?? [];
      if (closedToday.length) {
        const closed = await sim.world.api.call<{ items: ReportDto[] }>(keeper, 'GET', `/stations/${id}/reports`, { query: { status: 'closed' }, kind: 'station_reports', recount: true });
        if (closed.status !== 200) sim.fail(`closed reports of ${id}`, `answered ${closed.status}`);
        const ids = new Set(closed.body.items.map((x) => x.id));
        for (const rid of closedToday) if (!ids.has(rid)) sim.fail(`closed reports of ${id}`, `${rid}, closed today, is not among them`);
        checked += closedToday.length;
      }
      communities.add(station.communityId);
      checked += 5;
    }
    for (const communityId of communities) {
      const admin = sim.people.staffOf('community_admin', communityId);
      const res = await sim.world.api.call<{ items: ReportDto[] }>(admin, 'GET', '/station-reports', { query: { communityId }, kind: 'station_reports', recount: true });
      if (res.status !== 200) sim.fail(`station reports of ${communityId}`, `answered ${res.status}`);
      const want = this.sim.city.stations.filter((s) => s.communityId === communityId).flatMap((s) => Object.keys(this.state.stations[s.id]!.open)).sort().join(',');
      if (res.body.items.map((x) => x.id).sort().join(',') !== want) sim.fail(`station reports of ${communityId}`, `open [${res.body.items.map((x) => x.id).join(',')}], the recount has [${want}]`);
      checked++;
    }
    const f = this.state;
    sim.log(`${date}: stations ${f.searches} searches (${f.emptyAnswers} empty), ${f.checkIns} check-ins (${f.counted} counted), ${f.reports} reports, ${f.closed} closed, ${f.outages} outages, ${f.closures} closures`);
    this.state.active = [];
    this.replaying = false;
    this.state.closedToday = {};
    // Today's visitors are settled (tomorrow's start afresh after midnight).
    this.state.visitors = {};
    return checked;
  }
}
