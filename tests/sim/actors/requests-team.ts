/**
 * Who besides the grid worker handles items in the simulated city: the property companies' staff
 * (物业: matters filed in a compound a company serves go to them first; some they refuse back to the
 * grid) and the grid team's specialists, who claim (认领) the items of their groups from the team
 * queue, sometimes in the same minute as the grid worker: exactly one of them has it, the other is
 * told it is taken.
 */
import type { RequestDetail, TeamQueueResponse } from '@linli/shared';
import type { UserRecord } from '../../../functions/src/identity/ports';
import type { Sim } from '../engine/context';
import { CATEGORY, CLAIMED_GROUPS, type Item } from './requests-model';

/** How often a specialist claims an item of his group while it waits at the grid, and how often the grid worker taps 认领 in the same minute. */
const CLAIM_CHANCE = 0.5;
const RACE_CHANCE = 0.2;

export class RequestTeams {
  /** communityId → compound → the company serving it. */
  private served = new Map<string, Map<string, string>>();
  /** `communityId|compound` → the company's staff member there. */
  private propertyStaff = new Map<string, UserRecord>();
  /** communityId → its grid team's members (read at every claim: a city has thousands). */
  private members = new Map<string, Sim['city']['teamMembers']>();

  constructor(private sim: Sim) {
    for (const co of sim.city.companies) {
      for (const s of co.serves) {
        const m = this.served.get(s.communityId) ?? new Map<string, string>();
        for (const compound of s.compounds) m.set(compound, co.id);
        this.served.set(s.communityId, m);
      }
    }
    for (const m of sim.city.teamMembers) this.members.set(m.communityId, [...(this.members.get(m.communityId) ?? []), m]);
    for (const p of sim.city.people) {
      const u = p.user;
      if (u.roles.includes('property_staff') && u.communityId && u.compound) this.propertyStaff.set(`${u.communityId}|${u.compound}`, u);
    }
  }

  /**
   * The compound a resident's property matter is filed for, as the app assumes it (his address starts with a
   * compound the community lists), with the company serving it; null when his compound has none.
   */
  homeCompound(u: UserRecord): { compound: string; companyId: string } | null {
    const served = this.served.get(u.communityId ?? '');
    const building = u.address?.building ?? '';
    for (const [compound, companyId] of served ?? []) if (building.startsWith(compound)) return { compound, companyId };
    return null;
  }

  /** The company's staff member at the item's compound. */
  propertyStaffOf(i: Item): UserRecord {
    const u = this.propertyStaff.get(`${i.communityId}|${i.compound}`);
    if (!u) throw new Error(`no property staff at ${i.compound} of ${i.communityId}`);
    return u;
  }

  /** Whether anyone on a grid team would claim the item: a grid item of a group the specialists take. */
  claimable(i: Item): boolean {
    return i.level === 'grid' && !!i.gridId && CLAIMED_GROUPS.has(CATEGORY.get(i.categoryId)?.group ?? '');
  }

  /** Who taps 认领 for an item waiting at its grid: none, its group's specialist, or he and the grid worker at once. */
  claimers(i: Item): UserRecord[] {
    if (!this.claimable(i)) return [];
    const group = CATEGORY.get(i.categoryId)!.group;
    const r = this.sim.rngFor(`claim-${i.tag ?? i.id}-${i.steps}`);
    if (!r.chance(CLAIM_CHANCE)) return [];
    const members = (this.members.get(i.communityId) ?? []).filter((m) => m.gridIds.includes(i.gridId!));
    const specialist = members.find((m) => m.specialties.includes(group) && this.sim.people.user(m.userId).roles.includes('team_member'));
    if (!specialist) return [];
    const worker = members.find((m) => m.teamRole === 'grid_worker');
    const out = [this.sim.people.user(specialist.userId)];
    if (worker && r.chance(RACE_CHANCE)) out.push(this.sim.people.user(worker.userId));
    return out;
  }

  /**
   * The claim: each claimer opens his team queue (the item must be there, unclaimed, at the version the
   * recount has), then all tap 认领 at once. Exactly one has it; any other is told it is taken (409).
   * The winner and the item as his answer shows it.
   */
  async claim(i: Item, claimers: UserRecord[]): Promise<{ by: UserRecord; request: RequestDetail }> {
    const { sim } = this;
    const seen = await Promise.all(claimers.map((u) => sim.world.api.call<TeamQueueResponse>(u, 'GET', '/team/requests', { kind: 'team_queue' })));
    const versions = seen.map((res, k) => {
      if (res.status !== 200) sim.fail(i.id, `${claimers[k]!.id}'s team queue answered ${res.status}`);
      const entry = res.body.items.find((e) => e.id === i.id);
      if (!entry || entry.assigneeId !== null || entry.version !== i.version) {
        sim.fail(i.id, `waiting unclaimed at ${i.gridId} (version ${i.version}), but ${claimers[k]!.id}'s team queue shows ${entry ? `version ${entry.version}, claimed by ${entry.assigneeId}` : 'no such item'}`);
      }
      return entry!.version;
    });
    const answers = await Promise.all(
      claimers.map((u, k) => sim.world.api.call<{ request: RequestDetail }>(u, 'POST', `/requests/${i.id}/claim`, { body: { version: versions[k] }, kind: 'request_claim' })),
    );
    const won = answers.flatMap((a, k) => (a.status === 200 ? [k] : []));
    if (won.length !== 1) sim.fail(i.id, `${claimers.length} claimed at once, ${won.length} had it (${answers.map((a) => a.status).join(', ')})`);
    for (const [k, a] of answers.entries()) {
      if (k !== won[0] && (a.status !== 409 || (a.body as { error?: { code?: string } }).error?.code !== 'already_claimed')) sim.fail(i.id, `the claim that lost answered ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
    }
    const by = claimers[won[0]!]!;
    const request = answers[won[0]!]!.body.request;
    const claimed = request.timeline.filter((e) => e.type === 'claimed' && Date.parse(e.at) === sim.clock.ms);
    if (request.assigneeId !== by.id || claimed.length !== 1) sim.fail(i.id, `claimed by ${by.id}: the item shows ${request.assigneeId} with ${claimed.length} 认领 entries made now`);
    return { by, request };
  }
}
