/**
 * The volunteer side of the points: activities published by staff or a team's captain, sign-ups
 * (and the full and withdrawn ones), check-in and out with the organiser's code, the organiser's
 * confirmation that credits the points; and the civility and station-duty reports staff approve.
 * Everything that earns points by taking part, apart from what staff carry over (points.ts).
 */
import type { ActivityDto, ServiceReportDto, SignupDto } from '@linli/shared';
import { Random } from '../engine/random';
import { addDaysTo, chinaDate, chinaMidnight, DAY_MS } from '../oracle';
import { errorCode, iso, MIN, REPORT_POINTS, short, weekday, PointsPart, type Activity } from './points-recount';

/** A small stable hash (seeds the plans of one activity). */
function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}

export class PointsActivities extends PointsPart {

  // ------------------------------------------------------------------ activities

  /** The next date (after today) falling on a weekday (0 = Sunday). */
  private nextDay(wd: number): string {
    const today = this.sim.today.date;
    return addDaysTo(today, (wd - weekday(today) + 7) % 7 || 7);
  }

  async publish(d: { communityId: string; series: boolean }): Promise<void> {
    const { sim } = this;
    const c = d.communityId;
    const admin = sim.people.staffOf('community_admin', c);
    const team = sim.city.volunteerTeams.find((t) => t.communityId === c);
    const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
    const plans: { by: string; body: Record<string, unknown>; start: number; end: number }[] = [];
    const wed = this.nextDay(3);
    plans.push({
      by: admin.id, start: at(wed, '14:00'), end: at(wed, '16:00'),
      body: { title: '探访独居老人', description: '陪伴聊天、打扫卫生、代购生活用品', place: '社区党群服务中心集合', places: 8, reward: { per: 'hour', points: 10 }, joiners: 'anyone' },
    });
    if (d.series) {
      const sat = this.nextDay(6);
      plans.push({
        by: admin.id, start: at(sat, '09:00'), end: at(sat, '11:00'),
        body: { title: '周六环境整治', description: '清理楼道杂物、捡拾垃圾、劝导垃圾分类', place: '社区广场', places: 10, reward: { per: 'person', points: 20 }, joiners: 'volunteers', repeatWeeks: 4 },
      });
    }
    if (team) {
      const sun = this.nextDay(0);
      plans.push({
        by: team.captainId, start: at(sun, '09:30'), end: at(sun, '11:30'),
        body: { title: `${team.name}文明劝导`, description: '路口文明劝导、共享单车整理', place: '小区东门', places: 8, reward: { per: 'person', points: 15 }, joiners: 'volunteers', teamId: team.id },
      });
    }
    for (const [i, p] of plans.entries()) {
      const by = sim.people.user(p.by);
      const body = { ...p.body, communityId: c, start: iso(p.start), end: iso(p.end) };
      const res = await this.api.call<{ activity: ActivityDto; series: string[] }>(by, 'POST', '/activities', { key: `sim-${sim.seed}-act-${sim.today.index}-${c}-${i}`, kind: 'activity_create', body });
      if (res.status !== 201 && res.status !== 200) sim.fail(`publishing ${p.body.title as string} in ${c}`, `answered ${res.status} ${short(res.body)}`);
      const weeks = Number(p.body.repeatWeeks ?? 1);
      if (res.body.series.length !== weeks - 1) sim.fail(`publishing ${res.body.activity.id}`, `a series of ${weeks} weeks answered ${res.body.series.length + 1} activities`);
      if (!res.body.activity.checkInCode) sim.fail(`publishing ${res.body.activity.id}`, 'the organiser is not shown the check-in code');
      const ids = [res.body.activity.id, ...res.body.series];
      for (const [w, id] of ids.entries()) {
        if (this.state.activities[id]) continue; // a resumed day replaying its publication
        const a: Activity = {
          id, communityId: c, organiserId: p.by, title: p.body.title as string, start: p.start + w * 7 * DAY_MS, end: p.end + w * 7 * DAY_MS, places: p.body.places as number,
          reward: p.body.reward as Activity['reward'], joiners: p.body.joiners as Activity['joiners'], code: w === 0 ? res.body.activity.checkInCode : null, planned: false, confirmed: false, signups: {},
        };
        this.state.activities[id] = a;
        this.state.figures.activities++;
        if (a.start < sim.today.start + 7 * DAY_MS) this.planActivity(a);
      }
    }
  }

  /** Sign-ups spread over the days before the start, and the organiser's confirmation after the end. */
  planActivity(a: Activity): void {
    const { sim } = this;
    a.planned = true;
    // Seeded by what the simulation chose (not the product's id, which differs from run to run).
    const r = new Random(hashOf(`${sim.seed}|${a.communityId}|${a.organiserId}|${a.title}|${a.start}`));
    const residents = sim.people.residentsOf.get(a.communityId) ?? [];
    const pool = residents.filter((p) => p.user.roles.includes('volunteer') || (a.joiners === 'anyone' && p.activity > 0.3));
    const shuffled = [...pool].sort((x, y) => x.user.id.localeCompare(y.user.id));
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const n = Math.min(shuffled.length, r.poisson(a.places * 1.2));
    const from = Math.max(sim.clock.ms + 10 * MIN, a.start - 5 * DAY_MS);
    const to = Math.max(from, a.start - 2 * 3600_000);
    for (const p of shuffled.slice(0, n)) {
      sim.schedule(from + r.next() * (to - from), 'pts.signup', { key: `act-${a.id}`, id: a.id, userId: p.user.id, plan: r.next(), jitter: r.next() });
    }
    sim.schedule(a.end + (60 + r.int(180)) * MIN, 'pts.confirm', { key: `act-${a.id}`, id: a.id });
  }

  private activity(id: string): Activity | null {
    return this.state.activities[id] ?? null;
  }

  async signup(d: { id: string; userId: string; plan: number; jitter: number }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    if (!a) return;
    const taken = Object.values(a.signups).filter((s) => s.status !== 'withdrawn').length;
    const res = await this.api.call<{ activity: ActivityDto }>(sim.people.user(d.userId), 'POST', `/activities/${a.id}/signup`, { kind: 'activity_signup' });
    if (taken >= a.places) {
      if (res.status !== 409 || errorCode(res.body) !== 'activity_full') sim.fail(`sign-up to ${a.id}`, `${taken} of ${a.places} places taken, expected 409 activity_full, answered ${res.status} ${short(res.body)}`);
      this.state.figures.full++;
      return;
    }
    if (res.status !== 200) sim.fail(`sign-up to ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    if (res.body.activity.taken !== taken + 1) sim.fail(`sign-up to ${a.id}`, `${res.body.activity.taken} places taken, the recount has ${taken + 1}`);
    a.signups[d.userId] = { status: 'signed_up', in: null, out: null };
    this.state.figures.signups++;
    const span = a.end - a.start;
    if (d.plan < 0.06) sim.schedule(sim.clock.ms + d.jitter * Math.max(0, a.start - 3600_000 - sim.clock.ms), 'pts.withdraw', { key: `act-${a.id}`, id: a.id, userId: d.userId });
    else if (d.plan < 0.9) {
      sim.schedule(a.start + (-15 + Math.floor(d.jitter * 35)) * MIN, 'pts.checkin', { key: `act-${a.id}`, id: a.id, userId: d.userId, out: false });
      if (d.plan < 0.55) sim.schedule(a.start + span + (-10 + Math.floor(d.jitter * 30)) * MIN, 'pts.checkin', { key: `act-${a.id}`, id: a.id, userId: d.userId, out: true });
    }
  }

  async withdraw(d: { id: string; userId: string }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    const s = a?.signups[d.userId];
    if (!a || s?.status !== 'signed_up') return;
    const res = await this.api.call<{ activity: ActivityDto }>(sim.people.user(d.userId), 'POST', `/activities/${a.id}/withdrawal`, { kind: 'activity_withdraw' });
    if (res.status !== 200 || res.body.activity.mine?.status !== 'withdrawn') sim.fail(`withdrawal from ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    s.status = 'withdrawn';
    this.state.figures.withdrawn++;
  }

  async checkIn(d: { id: string; userId: string; out: boolean }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    const s = a?.signups[d.userId];
    if (!a || !s || (s.status !== 'signed_up' && s.status !== 'checked_in')) return;
    if (!a.code) {
      // The code the organiser shows on site (each week of a series has its own).
      const got = await this.api.call<{ activity: ActivityDto }>(sim.people.user(a.organiserId), 'GET', `/activities/${a.id}`, { kind: 'activity_read' });
      if (got.status !== 200 || !got.body.activity.checkInCode) sim.fail(`activity ${a.id}`, `the organiser cannot see the check-in code: ${got.status} ${short(got.body)}`);
      a.code = got.body.activity.checkInCode;
    }
    const now = sim.clock.ms;
    const res = await this.api.call<{ activity: ActivityDto }>(sim.people.user(d.userId), 'POST', `/activities/${a.id}/check-ins`, { kind: 'activity_check_in', body: { code: a.code, out: d.out } });
    const want = d.out ? 'checked_out' : 'checked_in';
    if (res.status !== 200 || res.body.activity.mine?.status !== want) sim.fail(`check-${d.out ? 'out' : 'in'} of ${d.userId} at ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    s.status = want;
    if (d.out) s.out = now;
    else {
      s.in = now;
      this.state.figures.checkIns++;
    }
  }

  /** Points of one attendance as the recount works them out (per person, or per hour of the stay). */
  /** Minutes of a stay: from check-in to check-out (at least 1, at most an hour past the activity's length), else its length. */
  private minutesOf(a: Activity, s: Activity['signups'][string]): number {
    const length = Math.round((a.end - a.start) / MIN);
    return s.in !== null && s.out !== null ? Math.max(1, Math.min(length + 60, Math.round((s.out - s.in) / MIN))) : length;
  }

  private pointsOf(a: Activity, minutes: number): number {
    return a.reward.per === 'person' ? a.reward.points : Math.floor((a.reward.points * minutes) / 60);
  }

  async confirm(d: { id: string }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    if (!a || a.confirmed) return;
    const came = Object.entries(a.signups).filter(([, s]) => s.status === 'checked_in' || s.status === 'checked_out');
    const absent = Object.entries(a.signups).filter(([, s]) => s.status === 'signed_up').map(([id]) => id);
    a.confirmed = true;
    if (!came.length && !absent.length) return;
    const res = await this.api.call<{ items: SignupDto[]; credited: number }>(sim.people.user(a.organiserId), 'POST', `/activities/${a.id}/attendance`, {
      kind: 'activity_confirm', body: { attendees: came.map(([userId]) => ({ userId })), absent },
    });
    if (res.status !== 200) sim.fail(`confirmation of ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    if (res.body.credited !== came.length) sim.fail(`confirmation of ${a.id}`, `${res.body.credited} credited, the recount confirmed ${came.length}`);
    const listed = new Map(res.body.items.map((s) => [s.userId, s]));
    for (const [userId, s] of came) {
      const minutes = this.minutesOf(a, s);
      const points = this.recount.capped(userId, 'activity', this.pointsOf(a, minutes));
      const got = listed.get(userId);
      if (got?.status !== 'confirmed' || got.points !== points) sim.fail(`confirmation of ${userId} at ${a.id}`, `listed ${got?.status} with ${got?.points} points, the recount credits ${points}`);
      s.status = 'confirmed';
      // The stay's minutes go on the service record and into the time bank (存时间), whatever the cap left of the points.
      this.recount.entry(userId, 'earn', points, { served: minutes, bank: minutes });
      this.state.figures.confirmed++;
      this.state.figures.pointsCredited += points;
    }
    for (const userId of absent) {
      if (listed.get(userId)?.status !== 'absent') sim.fail(`confirmation of ${a.id}`, `${userId} is listed ${listed.get(userId)?.status}, the organiser marked him absent`);
      a.signups[userId]!.status = 'absent';
      this.state.figures.absent++;
    }
  }

  // ------------------------------------------------------------------ service reports

  /** The next minute on a working day between 09:00 and 17:00 at or after `at` (when staff decide on a report). */
  private officeTime(at: number): number {
    for (let t = at, guard = 0; guard < 40; guard++) {
      const date = chinaDate(t);
      const midnight = chinaMidnight(date);
      const minute = (t - midnight) / MIN;
      if (this.sim.cal.isWorkday(date) && minute < 17 * 60) return midnight + Math.max(minute, 9 * 60) * MIN;
      t = midnight + DAY_MS;
    }
    throw new Error('no office time within 40 days');
  }

  async report(d: { key: string; userId: string; kind: keyof typeof REPORT_POINTS; approve: boolean; delay: number }): Promise<void> {
    const { sim } = this;
    const p = this.recount.person(d.userId);
    const description = d.kind === 'civility' ? '在小区门口劝导电动车规范停放' : '在驿站值守两小时，帮助骑手加水充电';
    const res = await this.api.call<{ report: ServiceReportDto }>(p.user, 'POST', '/points/service-reports', {
      key: `sim-${sim.seed}-${d.key}`, kind: 'service_report', body: { kind: d.kind, description, occurredOn: sim.today.date },
    });
    if (res.status !== 201 && res.status !== 200) sim.fail(`report ${d.key}`, `answered ${res.status} ${short(res.body)}`);
    const id = res.body.report.id;
    if (this.state.reports[id]) return;
    this.state.reports[id] = { id, userId: d.userId, communityId: p.user.communityId!, kind: d.kind };
    this.state.figures.reports++;
    sim.schedule(this.officeTime(sim.clock.ms + d.delay * 3600_000), 'pts.decide', { key: `report-${id}`, id, approve: d.approve });
  }

  async decide(d: { id: string; approve: boolean }): Promise<void> {
    const { sim } = this;
    const rep = this.state.reports[d.id];
    if (!rep) return;
    const admin = sim.people.staffOf('community_admin', rep.communityId);
    const res = await this.api.call<{ report: ServiceReportDto }>(admin, 'POST', `/points/service-reports/${rep.id}/decision`, {
      kind: 'service_decision', body: d.approve ? { approve: true, note: null } : { approve: false, note: '照片和描述不足以确认，请补充' },
    });
    if (res.status !== 200) sim.fail(`decision on report ${rep.id}`, `answered ${res.status} ${short(res.body)}`);
    delete this.state.reports[rep.id];
    if (!d.approve) {
      if (res.body.report.status !== 'rejected') sim.fail(`decision on report ${rep.id}`, `a rejection left it ${res.body.report.status}`);
      return;
    }
    const points = this.recount.capped(rep.userId, 'task', REPORT_POINTS[rep.kind]);
    if (res.body.report.status !== 'approved' || res.body.report.points !== points) sim.fail(`decision on report ${rep.id}`, `${res.body.report.status} with ${res.body.report.points} points, the recount credits ${points}`);
    this.recount.entry(rep.userId, 'earn', points);
    this.state.figures.approved++;
    this.state.figures.pointsCredited += points;
  }
}
