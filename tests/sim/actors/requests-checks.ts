/**
 * 接诉即办's daily recount: every community's and street's dashboard, and every community's 物业红黑榜
 * (each property company's row), for the day against the flows the recount followed.
 */
import type { DeadlineLevel, MetricSummary, PropertyBoardResponse, RequestDetail } from '@linli/shared';
import { checkEach, type Sim } from '../engine/context';
import { expectedStage } from '../oracle';
import { open311Key } from './requests-intake';
import { BOARD, CATEGORY, COUNTED, OPEN, type RequestsState } from './requests-model';

/**
 * The deadlines of a stage at `level` starting at `start`, from the category's rules and the calendar (property staff
 * have the grid's); a 12345 deadline is the platform's: it is the resolve deadline of every stage and caps acceptance.
 */
export function stageOf(sim: Sim, categoryId: string, level: string, start: number, hotlineDue: number | null): { acceptBy: number; resolveBy: number } {
  const want = expectedStage(start, CATEGORY.get(categoryId)!.deadlines[(level === 'property' ? 'grid' : level) as DeadlineLevel], sim.cal);
  return hotlineDue === null ? want : { acceptBy: Math.min(want.acceptBy, hotlineDue), resolveBy: hotlineDue };
}

/** The deadlines of a stage that started at `start` as the item shows them, against the recount's own. */
export function checkStage(sim: Sim, q: RequestDetail, start: number, what: string, hotlineDue: number | null = null): void {
  const want = stageOf(sim, q.categoryId, q.level, start, hotlineDue);
  const got = { acceptBy: q.acceptBy ? Date.parse(q.acceptBy) : null, resolveBy: q.resolveBy ? Date.parse(q.resolveBy) : null };
  if (got.acceptBy !== want.acceptBy || got.resolveBy !== want.resolveBy) {
    sim.fail(what, `deadlines ${q.acceptBy} / ${q.resolveBy}, recount ${new Date(want.acceptBy).toISOString()} / ${new Date(want.resolveBy).toISOString()} (level ${q.level}, category ${q.categoryId})`);
  }
}

/** Today's dashboards and boards against the recount; then yesterday's flows and closed items are dropped. */
export async function checkRequestsDay(sim: Sim, state: RequestsState): Promise<number> {
  const date = sim.today.date;
  let checked = 0;
  const streets = new Map<string, Record<string, number>>();
  checked += await checkEach(sim.city.communities, async (c) => {
    const admin = sim.people.staffOf('community_admin', c.id);
    const res = await sim.world.api.call<MetricSummary>(admin, 'GET', `/communities/${c.id}/metrics`, { query: { from: date, to: date }, kind: 'dashboard', recount: true });
    if (res.status !== 200) sim.fail(`dashboard of ${c.id}`, `answered ${res.status}`);
    const want = state.flows[`${c.id}|${date}`] ?? {};
    const sum = streets.get(c.streetId) ?? {};
    streets.set(c.streetId, sum);
    for (const k of COUNTED) {
      const got = (res.body.totals as Record<string, number>)[k] ?? 0;
      if (got !== (want[k] ?? 0)) sim.fail(`dashboard of ${c.id}`, `${k} is ${got}, the recount has ${want[k] ?? 0}`);
      sum[k] = (sum[k] ?? 0) + got;
    }
    return COUNTED.length;
  });
  checked += await checkEach([...streets].sort(([a], [b]) => a.localeCompare(b)), async ([streetId, want]) => {
    const res = await sim.world.api.call<MetricSummary>(sim.people.staffOf('street_admin', streetId), 'GET', `/streets/${streetId}/metrics`, { query: { from: date, to: date }, kind: 'dashboard', recount: true });
    if (res.status !== 200) sim.fail(`dashboard of ${streetId}`, `answered ${res.status}`);
    for (const k of COUNTED) {
      const got = (res.body.totals as Record<string, number>)[k] ?? 0;
      if (got !== (want[k] ?? 0)) sim.fail(`dashboard of ${streetId}`, `${k} is ${got}, its communities' recount has ${want[k] ?? 0}`);
    }
    return COUNTED.length;
  });
  checked += await checkBoards(sim, state, date);
  checked += await checkOpen311(sim, state);
  // Yesterday's flows are settled: keep the state small.
  for (const flows of [state.flows, state.companyFlows ?? {}]) for (const k of Object.keys(flows)) if (!k.endsWith(date)) delete flows[k];
  for (const [id, i] of Object.entries(state.items)) if (i.status === 'closed') delete state.items[id];
  return checked;
}

/** The companies serving each community (what its 红黑榜 lists). */
export function companiesByCommunity(sim: Sim): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const co of sim.city.companies) for (const s of co.serves) out.set(s.communityId, (out.get(s.communityId) ?? new Set()).add(co.id));
  return out;
}

/** Each community's 红黑榜 for today: the companies serving it, each row's figures equal to its recount. */
async function checkBoards(sim: Sim, state: RequestsState, date: string): Promise<number> {
  const serving = companiesByCommunity(sim);
  const communities = sim.city.communities.filter((c) => serving.has(c.id));
  return checkEach(communities, async (c) => {
    const res = await sim.world.api.call<PropertyBoardResponse>(sim.people.staffOf('community_admin', c.id), 'GET', `/communities/${c.id}/property-board`, { query: { from: date, to: date }, kind: 'dashboard', recount: true });
    if (res.status !== 200) sim.fail(`红黑榜 of ${c.id}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    const rows = new Map(res.body.items.map((row) => [row.companyId, row]));
    const want = [...serving.get(c.id)!].sort();
    if ([...rows.keys()].sort().join() !== want.join()) sim.fail(`红黑榜 of ${c.id}`, `lists ${[...rows.keys()].join(', ')}, the community is served by ${want.join(', ')}`);
    for (const companyId of want) {
      const flows = state.companyFlows?.[`${c.id}|${companyId}|${date}`] ?? {};
      for (const k of BOARD) {
        const got = rows.get(companyId)![k];
        if (got !== (flows[k] ?? 0)) sim.fail(`红黑榜 of ${c.id}`, `${companyId}'s ${k} is ${got}, the recount has ${flows[k] ?? 0}`);
      }
    }
    return want.length * BOARD.length;
  });
}

/** What the 数字城管 system reads back of its posts still followed (GET requests.json by id): open while submitted or accepted, else closed. */
async function checkOpen311(sim: Sim, state: RequestsState): Promise<number> {
  const byStreet = new Map<string, string[]>();
  for (const i of Object.values(state.items)) if (i.via === 'open311') byStreet.set(i.streetId, [...(byStreet.get(i.streetId) ?? []), i.id]);
  const chunks = [...byStreet].flatMap(([streetId, ids]) => Array.from({ length: Math.ceil(ids.length / 60) }, (_, k) => ({ streetId, ids: ids.slice(k * 60, k * 60 + 60) })));
  return checkEach(chunks, async ({ streetId, ids }) => {
    const res = await sim.world.api.call<{ service_request_id: string; status: string }[]>(null, 'GET', '/open311/v2/requests.json', {
      query: { api_key: open311Key(sim.seed, streetId), service_request_id: ids.join(',') }, kind: 'open311_read', recount: true,
    });
    if (res.status !== 200) sim.fail(`Open311 posts of ${streetId}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    const got = new Map(res.body.map((x) => [x.service_request_id, x.status]));
    for (const id of ids) {
      const want = OPEN.has(state.items[id]!.status) ? 'open' : 'closed';
      if (got.get(id) !== want) sim.fail(id, `the Open311 partner reads it ${got.get(id) ?? 'missing'}, the recount has it ${want} (${state.items[id]!.status})`);
    }
    return ids.length;
  });
}
