/**
 * 时间银行 within a family: a volunteer who has banked hours now and then gives some to an elder of his
 * community he looks after (the two linked first through the app: he asks for the link, the elder
 * consents on his own phone); the elder then asks for help in the next days and can pay with the gift
 * (取服务). A gift over the yearly allowance (20 hours) is refused and changes nothing.
 *
 * The recount enters both sides on its ledger (the giver's time bank down, the elder's up: checked
 * with every touched account by the points recount) and checks the answer: the giver's bank and the
 * year's gifts as it counts them.
 */
import { YEARLY_GIFT_CAP_MINUTES, type FamilyLinkCodeDto, type FamilyLinkDto } from '@linli/shared';
import { errorCode, short, type Sim } from '../engine/context';
import { chinaDate } from '../oracle';
import type { PointsActor } from './points';

const MIN = 60_000;
/** How often a confirmation that credited a volunteer leads him to give some of his bank to his elder. */
const GIFT_CHANCE = 0.25;

export interface FamilyState {
  /** Volunteer → the elder he looks after (null: no elder in his community to link with). */
  links: Record<string, string | null>;
  /** Minutes given per `userId|year`. */
  given: Record<string, number>;
  figures: { links: number; gifts: number; minutesGiven: number; overCap: number };
}

export const emptyFamily = (): FamilyState => ({ links: {}, given: {}, figures: { links: 0, gifts: 0, minutesGiven: 0, overCap: 0 } });

export interface Gift {
  key: string;
  userId: string;
  tag: string;
  minutes: number;
}

export class FamilyGifts {
  constructor(
    private sim: Sim,
    readonly state: FamilyState,
    private ledger: Pick<PointsActor, 'bankOf' | 'gaveHours'>,
    /** The elder asks for help in the next days (a need he may pay for with the gift). */
    private ask: (userId: string, tag: string) => void,
  ) {}

  /** After a confirmation credited the volunteer: sometimes a gift later that day. */
  afterEarning(volunteerId: string, tag: string): void {
    const r = this.sim.rngFor(`gift-${tag}`);
    if (!r.chance(GIFT_CHANCE)) return;
    this.sim.schedule(this.sim.clock.ms + (30 + r.int(600)) * MIN, 'need.gift', { key: volunteerId, userId: volunteerId, tag, minutes: r.chance(0.5) ? 30 : 60 } satisfies Gift);
  }

  async gift(d: Gift): Promise<void> {
    const { sim } = this;
    const bank = this.ledger.bankOf(d.userId);
    if (bank < d.minutes) return;
    const elder = await this.linkOf(d.userId);
    if (!elder) return;
    const year = chinaDate(sim.clock.ms).slice(0, 4);
    const given = this.state.given[`${d.userId}|${year}`] ?? 0;
    const res = await sim.world.api.call<{ givenMinutes: number; givenThisYear: number; bankMinutes: number }>(sim.people.user(d.userId), 'POST', '/points/transfers', {
      key: `sim-${sim.seed}-gift-${d.tag}`, kind: 'hours_gift', body: { toUserId: elder, minutes: d.minutes },
    });
    if (given + d.minutes > YEARLY_GIFT_CAP_MINUTES) {
      if (res.status !== 409 || errorCode(res.body) !== 'yearly_gift_cap') sim.fail(`gift of ${d.userId}`, `${d.minutes} min after ${given} this year answered ${res.status} ${short(res.body)}`);
      this.state.figures.overCap++;
      return;
    }
    if (res.status !== 201) sim.fail(`gift of ${d.userId}`, `answered ${res.status} ${short(res.body)}`);
    // Replaying a stopped day over the shared store, the gift may be the stopped attempt's (the same key): its figures are of then.
    if (!sim.replaying && (res.body.givenThisYear !== given + d.minutes || res.body.bankMinutes !== bank - d.minutes)) {
      sim.fail(`gift of ${d.userId}`, `answered ${res.body.givenThisYear} min given this year and ${res.body.bankMinutes} banked; the recount has ${given + d.minutes} and ${bank - d.minutes}`);
    }
    this.state.given[`${d.userId}|${year}`] = given + d.minutes;
    this.ledger.gaveHours(d.userId, elder, d.minutes);
    this.state.figures.gifts++;
    this.state.figures.minutesGiven += d.minutes;
    this.ask(elder, d.tag);
  }

  /** The elder the volunteer looks after: linked the first time (he asks, the elder consents), null when his community has none. */
  private async linkOf(volunteerId: string): Promise<string | null> {
    if (volunteerId in this.state.links) return this.state.links[volunteerId]!;
    const { sim } = this;
    const v = sim.people.user(volunteerId);
    const elders = (sim.people.residentsOf.get(v.communityId ?? '') ?? []).filter((p) => p.elder && p.user.id !== volunteerId);
    if (!elders.length) return (this.state.links[volunteerId] = null);
    const elder = sim.rngFor(`family-${volunteerId}`).pick(elders).user;
    const asked = await sim.world.api.call<{ request: FamilyLinkCodeDto }>(v, 'POST', '/family-links', { key: `sim-${sim.seed}-family-${volunteerId}`, kind: 'family_link', body: { relation: 'parent', note: '子女' } });
    if (asked.status !== 201 && asked.status !== 200) sim.fail(`family link of ${volunteerId}`, `asking answered ${asked.status} ${short(asked.body)}`);
    const consent = await sim.world.api.call<{ items: FamilyLinkDto[] }>(elder, 'POST', `/family-links/${asked.body.request.code}/consent`, { kind: 'family_consent' });
    // The elder's links must now show the volunteer looking after him (read back when a replayed day finds the code used).
    const links = consent.status === 200 || !sim.replaying ? consent : await sim.world.api.call<{ items: FamilyLinkDto[] }>(elder, 'GET', '/me/family', { kind: 'family_read', recount: true });
    if (links.status !== 200 || !links.body.items.some((l) => l.userId === volunteerId && l.direction === 'cared')) {
      sim.fail(`family link of ${volunteerId}`, `${elder.id}'s consent answered ${consent.status} ${short(consent.body)}`);
    }
    this.state.links[volunteerId] = elder.id;
    this.state.figures.links++;
    return elder.id;
  }
}
