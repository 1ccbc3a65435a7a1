/**
 * Community activities that earn points and hours (志愿服务): the community publishes them,
 * volunteers sign up within the places (enforced by the store) and withdraw, check in and out with
 * the organiser's code, and the organiser confirms who came: each confirmation credits once.
 */
import type { ActivityDto, ActivityReward, SignupDto } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { sixDigits } from '../../platform/domain/codes';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { ActivityRecord, ActivityRepository, SignupRecord } from '../ports';
import { runsCommunity } from './access';
import { plannedCredit, retryOnCapChange } from './accounts';
import type { PointsDeps } from './deps';

/** Check-in opens this long before the start and closes this long after the end. */
const CHECK_IN_MARGIN_MS = 30 * 60_000;

/** Points for a stay of `minutes` (per person: the fixed amount; per hour: pro rata, rounded down). */
export const pointsFor = (reward: ActivityReward, minutes: number): number =>
  reward.per === 'person' ? reward.points : Math.floor((reward.points * minutes) / 60);

const durationMinutes = (a: Pick<ActivityRecord, 'start' | 'end'>): number => Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000);

/** Minutes of attendance: as confirmed, else from check-in to check-out, else the activity's length. */
export function attendedMinutes(a: Pick<ActivityRecord, 'start' | 'end'>, s: Pick<SignupRecord, 'checkInAt' | 'checkOutAt'>, confirmed?: number): number {
  if (confirmed) return confirmed;
  if (s.checkInAt && s.checkOutAt) return Math.max(1, Math.min(durationMinutes(a) + 60, Math.round((Date.parse(s.checkOutAt) - Date.parse(s.checkInAt)) / 60_000)));
  return durationMinutes(a);
}

/** Points of attendance waiting for confirmation (checked in or out, not yet confirmed). */
export async function pendingPoints(deps: { activities: ActivityRepository }, userId: string): Promise<number> {
  const waiting = (await deps.activities.signupsOf(userId, 50)).filter((s) => s.status === 'checked_in' || s.status === 'checked_out');
  const activities = new Map((await deps.activities.getMany(waiting.map((s) => s.activityId))).map((a) => [a.id, a]));
  return waiting.reduce((sum, s) => {
    const a = activities.get(s.activityId);
    return a && a.status === 'open' ? sum + pointsFor(a.reward, attendedMinutes(a, s)) : sum;
  }, 0);
}

/** Its organiser, its team's captain, or whoever runs the community. */
export const organises = (actor: Actor, a: ActivityRecord): boolean => actor.userId === a.organiserId || (!!a.captainId && actor.userId === a.captainId) || runsCommunity(actor, a);

function toDto(a: ActivityRecord, actor: Actor, mine: SignupRecord | null): ActivityDto {
  const organiser = organises(actor, a);
  return {
    id: a.id, communityId: a.communityId, title: a.title, description: a.description, place: a.place, start: a.start, end: a.end,
    places: a.places, taken: a.taken, reward: a.reward, joiners: a.joiners, teamId: a.teamId ?? null, teamName: a.teamName ?? null, unitId: a.unitId ?? null, unitName: a.unitName ?? null, organiserName: a.organiserName, status: a.status,
    mine: mine ? { status: mine.status, points: mine.points } : null, organiser, checkInCode: organiser ? a.checkInCode : null,
  };
}

async function requireActivity(deps: Pick<PointsDeps, 'activities'>, id: string): Promise<ActivityRecord> {
  const a = await deps.activities.get(id);
  if (!a) throw new NotFoundError('活动');
  return a;
}

/** The activity (404 when there is none) and the person's sign-up, read together. */
async function activityAndSignup(deps: Pick<PointsDeps, 'activities'>, id: string, userId: string): Promise<{ a: ActivityRecord; s: SignupRecord | null }> {
  const { activity, signups } = await deps.activities.withSignupsOf(id, [userId]);
  if (!activity) throw new NotFoundError('活动');
  return { a: activity, s: signups.get(userId) ?? null };
}

export async function createActivity(
  deps: PointsDeps,
  actor: Actor,
  body: Omit<ActivityRecord, 'id' | 'streetId' | 'taken' | 'organiserId' | 'organiserName' | 'checkInCode' | 'status' | 'createdAt' | 'teamId' | 'teamName' | 'captainId' | 'unitId' | 'unitName'> & {
    teamId?: string;
    unitId?: string;
    repeatWeeks?: number;
  },
  key: string,
  now: Date,
): Promise<{ activity: ActivityDto; series: string[]; created: boolean }> {
  const [community, team, unit] = await Promise.all([
    deps.places.getCommunity(body.communityId),
    body.teamId ? deps.teams.get(body.teamId) : null,
    body.unitId ? deps.units.get(body.unitId) : null,
  ]);
  if (!community) throw new ValidationError('社区不存在', [{ field: 'communityId', message: '请选择社区' }]);
  if (body.teamId && (!team || team.communityId !== community.id)) throw new ValidationError('队伍不属于本社区', [{ field: 'teamId', message: '请选择本社区的志愿服务队' }]);
  if (body.unitId && (!unit || unit.communityId !== community.id)) throw new ValidationError('单位未在本社区登记', [{ field: 'unitId', message: '请选择本社区的共建单位' }]);
  const staff = runsCommunity(actor, { communityId: community.id, streetId: community.streetId });
  const captain = !!team && team.captainId === actor.userId;
  if (!captain && !staff) throw new ForbiddenError('只有本社区的工作人员或队长可以发布活动');
  if (unit && !staff) throw new ForbiddenError('共建单位的岗位由社区发布');
  if (Date.parse(body.start) < now.getTime()) throw new ValidationError('活动时间已过', [{ field: 'start', message: '开始时间应晚于现在' }]);
  const organiser = await deps.users.get(actor.userId);
  const { repeatWeeks = 1, teamId: _t, unitId: _u, ...rest } = body;
  // A weekly duty (岗位) is the same activity each week, each with its own places and code; one key per week.
  const weeks = await Promise.all(
    Array.from({ length: repeatWeeks }, async (_, w) => {
      const shift = (iso: string) => new Date(Date.parse(iso) + w * 7 * 86400_000).toISOString();
      const claim = claimFor('points.activity_create', actor.userId, w === 0 ? key : `${key}-w${w}`, body, now, deps.hash);
      const a: ActivityRecord = {
        ...rest, start: shift(body.start), end: shift(body.end), id: deps.newId(), streetId: community.streetId, taken: 0, organiserId: actor.userId,
        organiserName: organiser?.name ?? '', teamId: team?.id ?? null, teamName: team?.name ?? null, captainId: team?.captainId ?? null,
        unitId: unit?.id ?? null, unitName: unit?.name ?? null, checkInCode: sixDigits(deps.randomBytes), status: 'open', createdAt: now.toISOString(),
      };
      const once = await deps.activities.create(a, claim);
      return { created: once.created, stored: once.created ? a : await requireActivity(deps, replayOf(claim, once.receipt).id) };
    }),
  );
  return { activity: toDto(weeks[0]!.stored, actor, null), series: weeks.slice(1).map((w) => w.stored.id), created: weeks[0]!.created };
}

/** Upcoming (and today's) activities of the caller's community, or of a community staff run. */
export async function listActivities(deps: PointsDeps, actor: Actor, communityId: string | undefined, now: Date): Promise<ActivityDto[]> {
  const target = communityId ?? actor.communityId;
  if (!target) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '尚未登记所在社区' }]);
  const since = new Date(now.getTime() - 12 * 3600_000).toISOString();
  const [list, mine] = await Promise.all([deps.activities.ofCommunity(target, since, 50), deps.activities.signupsOf(actor.userId, 100)]);
  const byActivity = new Map(mine.map((s) => [s.activityId, s]));
  return list.filter((a) => a.status === 'open').map((a) => toDto(a, actor, byActivity.get(a.id) ?? null));
}

export async function getActivity(deps: PointsDeps, actor: Actor, id: string): Promise<ActivityDto> {
  const { a, s } = await activityAndSignup(deps, id, actor.userId);
  return toDto(a, actor, s);
}

export async function signUp(deps: PointsDeps, actor: Actor, id: string, now: Date): Promise<ActivityDto> {
  const { a, s: existing } = await activityAndSignup(deps, id, actor.userId);
  if (a.status !== 'open') throw new ConflictError('活动已取消', 'activity_cancelled');
  if (Date.parse(a.end) <= now.getTime()) throw new ConflictError('活动已结束', 'activity_over');
  if (a.joiners === 'volunteers' && !hasRole(actor, 'volunteer', 'parttime_grid_worker')) throw new ForbiddenError('该活动仅限登记的志愿者报名');
  if (a.joiners === 'team' && !(a.teamId && (await deps.teams.isMember(a.teamId, actor.userId)))) throw new ForbiddenError(`该活动仅限${a.teamName ?? '本队'}队员报名`);
  if (a.joiners === 'unit' && !(a.unitId && (await deps.units.isMember(a.unitId, actor.userId)))) throw new ForbiddenError(`该岗位仅限${a.unitName ?? '共建单位'}成员认领`);
  if (existing && existing.status !== 'withdrawn') return toDto(a, actor, existing); // a double tap: already signed up
  const s: SignupRecord = { activityId: id, userId: actor.userId, status: 'signed_up', signedUpAt: now.toISOString(), checkInAt: null, checkOutAt: null, points: null, minutes: null, start: a.start };
  try {
    await deps.activities.join(a, s);
  } catch (e) {
    if (e instanceof ConflictError && e.code === 'already_signed_up') return toDto(a, actor, await deps.activities.signup(id, actor.userId));
    throw e;
  }
  return toDto({ ...a, taken: a.taken + 1 }, actor, s);
}

export async function withdraw(deps: PointsDeps, actor: Actor, id: string): Promise<ActivityDto> {
  const { a, s } = await activityAndSignup(deps, id, actor.userId);
  if (!s || s.status === 'withdrawn') throw new NotFoundError('报名');
  if (s.status !== 'signed_up') throw new ConflictError('已签到，不能退出', 'already_checked_in');
  await deps.activities.withdraw(a, s);
  return toDto({ ...a, taken: a.taken - 1 }, actor, { ...s, status: 'withdrawn' });
}

/** A volunteer checks in (or out) with the code the organiser shows on site. */
export async function checkInWithCode(deps: PointsDeps, actor: Actor, id: string, code: string, out: boolean, now: Date): Promise<ActivityDto> {
  const { a, s } = await activityAndSignup(deps, id, actor.userId);
  if (a.status === 'cancelled') throw new ConflictError('活动已取消', 'activity_cancelled');
  if (code !== a.checkInCode) throw new ValidationError('签到码不对', [{ field: 'code', message: '请核对现场公布的签到码' }]);
  const t = now.getTime();
  if (t < Date.parse(a.start) - CHECK_IN_MARGIN_MS || t > Date.parse(a.end) + CHECK_IN_MARGIN_MS) throw new ConflictError('不在活动签到时间内', 'outside_check_in');
  if (!s || s.status === 'withdrawn') throw new ConflictError('请先报名该活动', 'not_signed_up');
  if (s.status === 'confirmed') return toDto(a, actor, s);
  const next: SignupRecord = out ? { ...s, status: 'checked_out', checkOutAt: now.toISOString(), checkInAt: s.checkInAt ?? now.toISOString() } : { ...s, status: 'checked_in', checkInAt: s.checkInAt ?? now.toISOString() };
  if (next.status === s.status && !out) return toDto(a, actor, s);
  await deps.activities.updateSignup(next, s.status);
  return toDto(a, actor, next);
}

const signupDto = (s: SignupRecord, name: string): SignupDto => ({
  userId: s.userId, name, status: s.status, checkInAt: s.checkInAt, checkOutAt: s.checkOutAt, points: s.points, minutes: s.minutes,
});

export async function listSignups(deps: PointsDeps, actor: Actor, id: string): Promise<SignupDto[]> {
  const { activity: a, signups } = await deps.activities.withSignups(id);
  if (!a) throw new NotFoundError('活动');
  if (!organises(actor, a)) throw new ForbiddenError('只有活动组织者可以查看报名名单');
  return named(deps, signups);
}

/** The sign-ups (but the withdrawn) with their people's names, the people read in one request per 100. */
async function named(deps: Pick<PointsDeps, 'users'>, signups: readonly SignupRecord[]): Promise<SignupDto[]> {
  const list = signups.filter((s) => s.status !== 'withdrawn');
  const people = await deps.users.getMany(list.map((s) => s.userId));
  return list.map((s) => {
    const p = people.get(s.userId);
    return signupDto(s, p && !p.deletedAt ? p.name : '已注销用户');
  });
}

/**
 * The organiser confirms who came: each confirmed person is credited points and hours once, however
 * often (or concurrently) it is approved; the absent are marked so.
 */
export async function confirmAttendance(
  deps: PointsDeps,
  actor: Actor,
  id: string,
  body: { attendees: { userId: string; minutes?: number }[]; absent: string[] },
  now: Date,
): Promise<{ items: SignupDto[]; credited: number }> {
  const { activity: a, signups: read } = await deps.activities.withSignupsOf(id, [...body.attendees.map((w) => w.userId), ...body.absent]);
  if (!a) throw new NotFoundError('活动');
  if (!organises(actor, a)) throw new ForbiddenError('只有活动组织者可以确认参加情况');
  // The named people's sign-ups, read with the activity; once written, one's status is what was
  // written, and after a write that found another status his sign-up is read again. Every write is
  // conditional on the status read.
  const known = new Map<string, SignupRecord | null>([...body.attendees.map((w) => w.userId), ...body.absent].map((u) => [u, read.get(u) ?? null]));
  const signupOf = async (userId: string) => (known.has(userId) ? known.get(userId)! : deps.activities.signup(id, userId));
  if (a.status === 'cancelled') throw new ConflictError('活动已取消，不能记积分', 'activity_cancelled');
  if (now.getTime() < Date.parse(a.start)) throw new ConflictError('活动开始后才能确认参加情况', 'not_started');
  let credited = 0;
  for (const [i, who] of body.attendees.entries()) {
    const s = await signupOf(who.userId);
    if (!s || s.status === 'withdrawn') throw new ValidationError('名单中有人未报名', [{ field: `attendees.${i}.userId`, message: '此人未报名该活动' }]);
    if (s.status === 'confirmed') continue;
    const minutes = attendedMinutes(a, s, who.minutes);
    const wrote = await retryOnCapChange(async () => {
      const plan = await plannedCredit(
        deps,
        { userId: s.userId, points: pointsFor(a.reward, minutes), minutes, reason: `参加活动「${a.title}」`, source: { type: 'activity', id: a.id }, actorId: actor.userId, verified: true, communityId: a.communityId, teamId: a.teamId ?? null },
        now,
      );
      return deps.activities.confirm({ ...s, status: 'confirmed', points: plan.entry.points, minutes }, s.status, plan);
    });
    if (wrote) credited++;
    if (wrote) known.set(s.userId, { ...s, status: 'confirmed' });
    else known.delete(s.userId);
  }
  for (const userId of body.absent) {
    // Whoever has not been confirmed can be marked absent (a code check-out is not proof of service).
    const s = await signupOf(userId);
    if (s && (s.status === 'signed_up' || s.status === 'checked_in' || s.status === 'checked_out')) {
      await deps.activities.updateSignup({ ...s, status: 'absent' }, s.status);
      known.set(userId, { ...s, status: 'absent' });
    }
  }
  return { items: await named(deps, await deps.activities.signups(id)), credited };
}

/** The organiser cancels an activity that has not started; sign-ups stay on record (their places no longer matter). */
export async function cancelActivity(deps: PointsDeps, actor: Actor, id: string, now: Date): Promise<ActivityDto> {
  const a = await requireActivity(deps, id);
  if (!organises(actor, a)) throw new ForbiddenError('只有活动组织者可以取消活动');
  if (a.status === 'cancelled') return toDto(a, actor, null);
  if (Date.parse(a.start) <= now.getTime()) throw new ConflictError('活动已开始，不能取消', 'activity_started');
  await deps.activities.cancel(a.id);
  return toDto({ ...a, status: 'cancelled' }, actor, null);
}
