/**
 * When 接诉即办's staff work in the simulation, and what the 12345 platform sends each day: the street's
 * three pushes of tickets and, once a month, its share of a city-wide batch of 5,000.
 */
import type { Sim } from '../engine/context';
import type { Random } from '../engine/random';
import { chinaDate, expectedDeadline, type SimCalendar } from '../oracle';
import { WORK_BLOCKS } from '../profile';
import { BIG_BATCH, CATEGORY, FILED, HOTLINE_PER_HOUSEHOLD_DAY, HOTLINE_PUSHES, isBigBatchDay, type Ticket } from './requests-model';

/** The next whole minute when staff are at work (working days, 08:30–12:00 and 14:00–18:00) at or after `at`. */
export function workTime(cal: SimCalendar, at: number): number {
  for (let t = at, guard = 0; guard < 40; guard++) {
    const date = chinaDate(t);
    const midnight = Date.parse(`${date}T00:00:00Z`) - 8 * 3600_000;
    if (cal.isWorkday(date)) {
      const minute = (t - midnight) / 60000;
      for (const [from, to] of WORK_BLOCKS) {
        if (minute < to) return midnight + Math.max(minute, from) * 60000;
      }
    }
    t = midnight + 86400_000;
  }
  throw new Error('no working time within 40 days');
}

/** A staff delay: mostly within the deadline, sometimes late (so escalations happen). */
export function staffDelay(cal: SimCalendar, r: Random, from: number, due: number | null): number {
  const start = workTime(cal, from);
  if (due !== null && r.chance(0.08)) return workTime(cal, due + r.logNormal(3, 0.8) * 3600_000);
  const t = workTime(cal, start + r.logNormal(2, 0.9) * 3600_000);
  return due !== null && t > due && r.chance(0.6) ? Math.max(start, due - 15 * 60000) : t;
}

/** Today's 12345 tickets of each street, pushed in three batches; each ticket's 12345 deadline 1–5 working days or 24 hours away. */
export function planHotline(sim: Sim, r: Random, factor: number): void {
  const households = new Map<string, number>();
  const grids = new Map<string, number>();
  for (const g of sim.city.grids) {
    if ((g.kind ?? 'ordinary') !== 'ordinary') continue;
    households.set(g.streetId, (households.get(g.streetId) ?? 0) + g.households);
    grids.set(g.streetId, (grids.get(g.streetId) ?? 0) + 1);
  }
  const weights = FILED.map(([, w]) => w);
  const big = isBigBatchDay(sim.today.date, sim.cal);
  for (const st of sim.city.streets) {
    const residents = sim.city.communities.filter((c) => c.streetId === st.id).flatMap((c) => sim.people.residentsOf.get(c.id) ?? []);
    if (!residents.length) continue;
    const pushes: [string, number, number][] = HOTLINE_PUSHES.map((minute, slot) => [String(slot), minute, r.poisson(((households.get(st.id) ?? 0) * HOTLINE_PER_HOUSEHOLD_DAY * factor) / HOTLINE_PUSHES.length)]);
    if (big) pushes.push(['big', BIG_BATCH.minute, Math.round((BIG_BATCH.tickets * (grids.get(st.id) ?? 0)) / BIG_BATCH.cityGrids)]);
    for (const [slot, minute, n] of pushes) {
      if (!n) continue;
      const at = sim.today.start + minute * 60000;
      const tickets: Ticket[] = Array.from({ length: n }, (_, k) => {
        const home = r.pick(residents).home;
        const categoryHint = FILED[r.weighted(weights)]![0];
        const urgent = r.chance(0.1);
        const due = urgent ? at + 24 * 3600_000 : expectedDeadline(at, { workdays: 1 + r.int(5) }, sim.cal);
        return {
          externalId: `S${sim.seed}-${sim.today.date.replace(/-/g, '')}-${st.id}-${slot}-${k}`.slice(0, 64),
          text: `市民来电：${CATEGORY.get(categoryHint)!.name}，请核实处理`,
          phone: `139${String(r.int(1e8)).padStart(8, '0')}`,
          location: { lat: home.lat + (r.next() - 0.5) * 0.0003, lng: home.lng + (r.next() - 0.5) * 0.0003, datum: 'wgs84' },
          categoryHint,
          dueAt: `${new Date(due + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`,
        };
      });
      sim.schedule(at, 'req.hotline', { key: `hotline-${sim.today.index}-${st.id}-${slot}`, streetId: st.id, tickets });
    }
  }
}


/** What the city's 数字城管 inspectors post through Open311 (city management and broken public facilities). */
const OPEN311_FILED: [id: string, weight: number][] = [['city-stall', 3], ['city-ads', 2], ['city-vehicle', 3], ['fix-road', 2], ['fix-streetlight', 2]];
/** Finds posted per community per working day, during inspectors' hours (09:00–17:00). */
export const OPEN311_PER_COMMUNITY_WORKDAY = 0.3;
/** The simulated 数字城管 system's Open311 API key of a street (made at setup). */
export const open311Key = (seed: number, streetId: string) => `sim-open311-${seed}-${streetId}`;

export type Open311Post = {
  key: string;
  streetId: string;
  communityId: string;
  categoryId: string;
  /** WGS-84, as GeoReport has it. */
  lat: number;
  lng: number;
};

/** Today's Open311 posts (working days), drawn from a stream of their own so the other plans keep theirs. */
export function planOpen311(sim: Sim): void {
  if (!sim.cal.isWorkday(sim.today.date)) return;
  const r = sim.rngFor(`open311-${sim.today.date}`);
  const weights = OPEN311_FILED.map(([, w]) => w);
  for (const c of sim.city.communities) {
    const residents = sim.people.residentsOf.get(c.id) ?? [];
    if (!residents.length) continue;
    const n = r.poisson(OPEN311_PER_COMMUNITY_WORKDAY);
    for (let k = 0; k < n; k++) {
      const home = r.pick(residents).home;
      const at = sim.today.start + (9 * 60 + r.int(8 * 60)) * 60000;
      const post: Open311Post = {
        key: `o311-${sim.today.index}-${c.id}-${k}`, streetId: c.streetId, communityId: c.id, categoryId: OPEN311_FILED[r.weighted(weights)]![0],
        lat: home.lat + (r.next() - 0.5) * 0.0002, lng: home.lng + (r.next() - 0.5) * 0.0002,
      };
      sim.schedule(at, 'req.open311', post);
    }
  }
}

/** The post (form fields as a JSON object, the key in the query, an Idempotency-Key for retries): the new item's id. */
export async function postOpen311(sim: Sim, d: Open311Post): Promise<string> {
  const res = await sim.world.api.call<{ service_request_id: string }[]>(null, 'POST', '/open311/v2/requests.json', {
    query: { api_key: open311Key(sim.seed, d.streetId) },
    body: { service_code: d.categoryId, lat: d.lat.toFixed(6), long: d.lng.toFixed(6), description: `数字城管巡查发现：${CATEGORY.get(d.categoryId)!.name}` },
    key: `sim-${sim.seed}-${d.key}`,
    kind: 'open311_post',
  });
  if (res.status !== 201 || !Array.isArray(res.body) || !res.body[0]?.service_request_id) sim.fail(`Open311 post ${d.key}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body[0]!.service_request_id;
}
