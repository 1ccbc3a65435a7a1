/**
 * Errands (代办帮办 / 上门办): a resident (or a family member for him) asks; centre staff or his grid
 * worker accept, collect the papers, handle it and bring the result back; each step goes on the
 * timeline with who did it. Every step is a version-conditional write; asking is idempotent.
 */
import { ERRAND_MODE_LABELS, ERRAND_STATUS_LABELS, type ErrandDto, type ErrandStatus, type ErrandStep, ROLE_LABELS } from '@linli/shared';
import type { z } from 'zod';
import type { CreateErrandBody, ErrandStepBody } from '@linli/shared';
import { looksAfter } from '../../identity/domain/family';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { maskPhone } from '../../platform/domain/privacy';
import type { UserRecord } from '../../identity/ports';
import type { ErrandRecord } from '../ports';
import { runsCentre } from './access';
import type { CentreRecord } from './centre';
import { requireCentre } from './centres';
import { centreLookup, staffCentre } from './lookups';
import type { BookingDeps } from './deps';
import { requireOffering } from './slots';

/** Which step leads from which status, and where. */
const FLOW: Record<Exclude<ErrandStep, 'cancel'>, { from: ErrandStatus; to: ErrandStatus; what: string }> = {
  accept: { from: 'requested', to: 'accepted', what: '受理' },
  collect: { from: 'accepted', to: 'collected', what: '收取材料' },
  handle: { from: 'collected', to: 'handled', what: '办理完成' },
  return: { from: 'handled', to: 'returned', what: '结果已送回' },
};
const OPEN: readonly ErrandStatus[] = ['requested', 'accepted', 'collected', 'handled'];

/** Staff of the centre, or the grid worker of the person's grid, run an errand. */
const runsErrand = (actor: Actor, e: ErrandRecord, c: Pick<CentreRecord, 'communityId' | 'streetId'>): boolean =>
  runsCentre(actor, c) || (hasRole(actor, 'grid_worker', 'parttime_grid_worker') && actor.gridId !== null && actor.gridId === e.gridId);

/** The steps the caller may take now: staff move it along; the person (or who asked for him) may cancel until it is accepted. */
export function stepsFor(actor: Actor, e: ErrandRecord, c: Pick<CentreRecord, 'communityId' | 'streetId'>): ErrandStep[] {
  const staff = runsErrand(actor, e, c);
  const own = actor.userId === e.userId || actor.userId === e.requestedBy;
  const steps: ErrandStep[] = staff ? (Object.keys(FLOW) as (keyof typeof FLOW)[]).filter((s) => FLOW[s].from === e.status) : [];
  if (OPEN.includes(e.status) && (staff || (own && e.status === 'requested'))) steps.push('cancel');
  return steps;
}

/** `people`: the people of a list, read together by the caller; without it, this errand's is read. */
async function toDto(deps: BookingDeps, e: ErrandRecord, actor: Actor, c: CentreRecord | null, people?: ReadonlyMap<string, UserRecord>): Promise<ErrandDto> {
  const person = people ? (people.get(e.userId) ?? null) : await deps.users.get(e.userId);
  const offering = c?.offerings.find((o) => o.id === e.offeringId);
  return {
    id: e.id, centreId: e.centreId, centreName: c?.name ?? '', offeringId: e.offeringId, offeringName: offering?.name ?? '', bring: offering?.bring ?? [],
    mode: e.mode, modeLabel: ERRAND_MODE_LABELS[e.mode], note: e.note, address: e.address, userId: e.userId,
    personName: person && !person.deletedAt ? person.name : '已注销用户', personPhone: maskPhone(person && !person.deletedAt ? person.phone : null),
    status: e.status, statusLabel: ERRAND_STATUS_LABELS[e.status], assigneeName: e.assigneeName, createdAt: e.createdAt, version: e.version,
    steps: c ? stepsFor(actor, e, c) : [], timeline: e.timeline,
  };
}

/** The people of a list of errands in one BatchGet (per 100), not a GetItem per errand. */
const peopleOfList = (deps: BookingDeps, list: readonly ErrandRecord[]) => deps.users.getMany([...new Set(list.map((e) => e.userId))]);

const addressOf = (u: { address: { building: string; unit?: string | null; room?: string | null } | null } | null): string =>
  u?.address ? [u.address.building, u.address.unit, u.address.room].filter(Boolean).join(' ') : '';

/** A resident asks for an errand (or a family member for him), once per key. */
export async function requestErrand(deps: BookingDeps, actor: Actor, body: z.output<typeof CreateErrandBody>, key: string, now: Date): Promise<{ errand: ErrandDto; created: boolean }> {
  const claim = claimFor('booking.errand', actor.userId, key, body, now, deps.hash);
  const c = await requireCentre(deps, body.centreId);
  requireOffering(c, body.offeringId);
  const personId = body.forUserId ?? actor.userId;
  if (personId !== actor.userId && !(await looksAfter(deps, actor.userId, personId))) throw new ForbiddenError('只能为已关联的家人申请代办');
  const [person, asker] = await Promise.all([deps.users.get(personId), deps.users.get(actor.userId)]);
  if (!person || person.deletedAt) throw new NotFoundError('居民');
  if (!person.realName) throw new ValidationError('代办需要真实姓名，请先在"我的"中填写', [{ field: 'name', message: '请先登记真实姓名' }]);
  const address = body.address || addressOf(person);
  if (!address) throw new ValidationError('请填写收取材料或上门的地址', [{ field: 'address', message: '请填写地址' }]);
  const at = now.toISOString();
  const e: ErrandRecord = {
    id: deps.newId(), centreId: c.id, communityId: c.communityId, streetId: c.streetId, gridId: person.gridId, offeringId: body.offeringId,
    mode: body.mode, note: body.note, address, userId: person.id, requestedBy: actor.userId, status: 'requested', assigneeId: null, assigneeName: null,
    createdAt: at, updatedAt: at, version: 1,
    timeline: [{ at, what: personId === actor.userId ? `申请${ERRAND_MODE_LABELS[body.mode]}` : `家人代为申请${ERRAND_MODE_LABELS[body.mode]}`, by: asker?.name ?? '' }],
  };
  const outcome = await deps.errands.create(e, claim);
  const stored = outcome.created ? e : await deps.errands.get(replayOf(claim, outcome.receipt).id);
  if (!stored) throw new NotFoundError('代办');
  return { errand: await toDto(deps, stored, actor, c), created: outcome.created };
}

async function visible(deps: BookingDeps, actor: Actor, id: string): Promise<{ e: ErrandRecord; c: CentreRecord }> {
  const e = await deps.errands.get(id);
  if (!e) throw new NotFoundError('代办');
  const c = await requireCentre(deps, e.centreId);
  if (actor.userId !== e.userId && actor.userId !== e.requestedBy && !runsErrand(actor, e, c)) throw new NotFoundError('代办');
  return { e, c };
}

export async function getErrand(deps: BookingDeps, actor: Actor, id: string): Promise<ErrandDto> {
  const { e, c } = await visible(deps, actor, id);
  return toDto(deps, e, actor, c);
}

/** One step along the errand (at the version the caller saw). */
export async function errandStep(deps: BookingDeps, actor: Actor, id: string, body: z.output<typeof ErrandStepBody>, now: Date): Promise<ErrandDto> {
  const { e, c } = await visible(deps, actor, id);
  if (!stepsFor(actor, e, c).includes(body.step)) {
    if (!runsErrand(actor, e, c) && body.step !== 'cancel') throw new ForbiddenError('只有服务中心工作人员或网格员可以办理');
    throw new ConflictError(`当前状态（${ERRAND_STATUS_LABELS[e.status]}）不能进行这一步`, 'invalid_step');
  }
  const me = await deps.users.get(actor.userId);
  const by = me ? `${runsErrand(actor, e, c) ? `${ROLE_LABELS[actor.roles[0]!]} ` : ''}${me.name}` : '';
  const at = now.toISOString();
  const to: ErrandStatus = body.step === 'cancel' ? 'cancelled' : FLOW[body.step].to;
  const what = body.step === 'cancel' ? '取消' : FLOW[body.step].what;
  const next: ErrandRecord = {
    ...e, status: to, version: body.version + 1, updatedAt: at,
    ...(body.step === 'accept' ? { assigneeId: actor.userId, assigneeName: me?.name ?? '' } : {}),
    timeline: [...e.timeline, { at, what: body.note ? `${what}：${body.note}` : what, by }],
  };
  await deps.errands.save(next, body.version);
  return toDto(deps, next, actor, c);
}

export async function myErrands(deps: BookingDeps, actor: Actor): Promise<ErrandDto[]> {
  const list = await deps.errands.ofUser(actor.userId, 50);
  const centre = centreLookup(deps);
  const people = await peopleOfList(deps, list);
  return Promise.all(list.map(async (e) => toDto(deps, e, actor, await centre(e.centreId), people)));
}

/** A centre's errands (open ones by default), for its staff. */
export async function centreErrands(deps: BookingDeps, actor: Actor, centreId: string, status: 'open' | 'all'): Promise<ErrandDto[]> {
  const c = await staffCentre(deps, actor, centreId);
  const list = (await deps.errands.ofCentre(c.id, 200)).filter((e) => status === 'all' || OPEN.includes(e.status));
  const people = await peopleOfList(deps, list);
  return Promise.all(list.map((e) => toDto(deps, e, actor, c, people)));
}

/** A grid's open errands, for its grid workers (代办帮办 on their rounds). */
export async function gridErrands(deps: BookingDeps, actor: Actor, gridId: string): Promise<ErrandDto[]> {
  if (actor.gridId !== gridId) throw new ForbiddenError('只能查看本网格的代办');
  const list = (await deps.errands.ofGrid(gridId, 200)).filter((e) => OPEN.includes(e.status));
  const centre = centreLookup(deps);
  const people = await peopleOfList(deps, list);
  return Promise.all(list.map(async (e) => toDto(deps, e, actor, await centre(e.centreId), people)));
}
