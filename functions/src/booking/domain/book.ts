/**
 * Booking a place, cancelling it and moving it. Capacity is the database's to enforce: the slot's
 * counter and the booking are written in one conditional transaction, never read-then-written.
 */
import { withFreshCode as freshCode } from '../../platform/domain/codes';
import { ROLE_LABELS, type BookingDto, type CreateBookingBody } from '@linli/shared';
import type { z } from 'zod';
import type { CancelBody, RescheduleBody } from '@linli/shared';
import { looksAfter } from '../../identity/domain/family';
import type { UserRecord } from '../../identity/ports';
import { type Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, type IdempotencyClaim, type Once, replayOf } from '../../platform/domain/idempotency';
import type { BookingRecord } from '../ports';
import { mayBookFor, runsCentre, seesBooking } from './access';
import type { CentreRecord } from './centre';
import { requireCentre } from './centres';
import { centreLookup, peopleOf } from './lookups';
import type { BookingDeps } from './deps';
import { activePause } from './desk';
import { toBookingDto } from './present';
import { freedFor, noticesOf, onSettledLine, templatesOf } from './line';
import { changedNotices, remindersFor } from './reminders';
import { bookingBar, mayStillChange, type Slot, slotsOn } from './schedule';
import { requireOffering } from './slots';

const BAR_MESSAGES = {
  slot_started: ['该时段已开始，不能再预约', 'slot_started'],
  past_cutoff: ['已过该时段的预约截止时间', 'past_cutoff'],
  too_far_ahead: ['超出可预约的日期范围', 'outside_rules'],
} as const;


/** The slot a body names, checked against the rules and the cut-offs. */
export function slotFor(deps: BookingDeps, c: CentreRecord, offeringId: string, date: string, start: string, now: Date): Slot {
  const offering = requireOffering(c, offeringId);
  const slot = slotsOn(c, offering, date, deps.calendar).find((s) => s.start === start);
  if (!slot) throw new ConflictError('该时段不开放预约，请选择列出的时段', 'outside_rules');
  const bar = bookingBar(slot, c.policy, now);
  if (bar) throw new ConflictError(...BAR_MESSAGES[bar]);
  if (slot.capacity === 0) throw new ConflictError('该时段只接待现场办理', 'slot_full');
  return slot;
}

/** Writes with a fresh six-digit code (unique for the centre and day), retrying the rare clash. */
export const withFreshCode = <T>(deps: Pick<BookingDeps, 'randomBytes'>, write: (code: string) => Promise<T>, keep?: string): Promise<T> =>
  freshCode(deps.randomBytes, write, keep);

export async function presentBooking(deps: BookingDeps, b: BookingRecord, actor: Actor, now: Date, centre?: CentreRecord | null): Promise<BookingDto> {
  const [c, person] = await Promise.all([centre === undefined ? deps.centres.get(b.centreId) : centre, deps.users.get(b.userId)]);
  const alive = person && !person.deletedAt ? person : null;
  return toBookingDto(b, c, alive, now, { staff: c ? runsCentre(actor, c) : false });
}

/** The person a booking is for, and how the caller may book for him. */
async function personFor(deps: BookingDeps, actor: Actor, c: CentreRecord, forUserId: string | undefined): Promise<{ person: UserRecord; note: string | null }> {
  const id = forUserId ?? actor.userId;
  const [person, booker, linked] = await Promise.all([
    deps.users.get(id),
    id === actor.userId ? null : deps.users.get(actor.userId),
    id === actor.userId ? false : looksAfter(deps, actor.userId, id),
  ]);
  if (!person || person.deletedAt) throw new NotFoundError('居民');
  if (id !== actor.userId) {
    const how = mayBookFor(actor, person, c, linked);
    if (!how) throw new ForbiddenError('只能为本网格居民、已关联的家人或来本中心办事的居民代约');
    const who = how === 'family' ? '家人' : how === 'grid_worker' ? '网格员' : ROLE_LABELS.service_staff;
    return { person, note: `${who}${booker?.name ?? ''}代约` };
  }
  return { person, note: null };
}

async function replayed(deps: BookingDeps, claim: IdempotencyClaim, outcome: Once<{ id: string }>, actor: Actor, now: Date): Promise<BookingDto> {
  if (outcome.created) throw new Error('not a replay');
  const earlier = await deps.bookings.get(replayOf(claim, outcome.receipt).id);
  if (!earlier) throw new NotFoundError('预约');
  return presentBooking(deps, earlier, actor, now);
}

/** A new live booking of a slot. */
export function bookingRecord(a: {
  id: string; code: string; c: CentreRecord; offeringId: string; slot: Slot; userId: string; bookedBy: string; bookedByNote: string | null; note: string; now: Date; what: string;
}): BookingRecord {
  const at = a.now.toISOString();
  return {
    id: a.id, code: a.code, centreId: a.c.id, communityId: a.c.communityId, streetId: a.c.streetId, offeringId: a.offeringId, pool: a.slot.pool,
    date: a.slot.date, start: a.slot.start, end: a.slot.end, userId: a.userId, bookedBy: a.bookedBy, bookedByNote: a.bookedByNote,
    status: 'booked', note: a.note, createdAt: at, updatedAt: at, version: 1, history: [{ at, what: a.what }],
  };
}

/** A resident books a place (or someone books for him: 代办), once per idempotency key. */
export async function bookPlace(deps: BookingDeps, actor: Actor, body: z.output<typeof CreateBookingBody>, key: string, now: Date): Promise<{ booking: BookingDto; created: boolean }> {
  const claim = claimFor('booking.book', actor.userId, key, body, now, deps.hash);
  const c = await requireCentre(deps, body.centreId);
  // A paused person may still be booked at the desk by the centre's staff.
  const [{ person, note }, pause] = await Promise.all([
    personFor(deps, actor, c, body.forUserId),
    runsCentre(actor, c) ? null : activePause(deps, body.forUserId ?? actor.userId, now),
  ]);
  if (!person.realName) throw new ValidationError('预约需要真实姓名，请先在"我的"中填写', [{ field: 'name', message: '请先登记真实姓名' }]);
  const slot = slotFor(deps, c, body.offeringId, body.date, body.start, now);
  if (pause) throw new ConflictError(`${pause.reason}，${pause.until} 起恢复；如有异议请联系服务中心`, 'booking_paused');
  const id = deps.newId();
  return withFreshCode(deps, async (code) => {
    const record = bookingRecord({ id, code, c, offeringId: body.offeringId, slot, userId: person.id, bookedBy: actor.userId, bookedByNote: note, note: body.note, now, what: note ? `${note}预约` : '预约成功' });
    const outcome = await deps.bookings.book(record, slot, claim, {
      outbox: remindersFor(record, now),
      consents: { userId: actor.userId, templates: templatesOf(body.notify, deps.bookingTemplates) },
    });
    if (!outcome.created) return { booking: await replayed(deps, claim, outcome, actor, now), created: false };
    return { booking: toBookingDto(record, c, person, now, { staff: runsCentre(actor, c) }), created: true };
  });
}

async function requireBooking(deps: BookingDeps, actor: Actor, id: string): Promise<{ b: BookingRecord; c: CentreRecord }> {
  const b = await deps.bookings.get(id);
  if (!b || !seesBooking(actor, b)) throw new NotFoundError('预约');
  return { b, c: await requireCentre(deps, b.centreId) };
}

export async function getBooking(deps: BookingDeps, actor: Actor, id: string, now: Date): Promise<BookingDto> {
  const { b, c } = await requireBooking(deps, actor, id);
  return presentBooking(deps, b, actor, now, c);
}

/** Staff changing someone's booking (not their own or one they made): the person is told. */
const actsForCentre = (actor: Actor, b: BookingRecord, staff: boolean): boolean => staff && actor.userId !== b.userId && actor.userId !== b.bookedBy;

const whoActs = (actor: Actor, b: BookingRecord, staff: boolean): string => (actor.userId === b.userId ? '本人' : staff ? '服务中心' : '代约人');

/** Cancels a place (the person, whoever booked it for him, or centre staff; residents before the cut-off). */
export async function cancelBooking(deps: BookingDeps, actor: Actor, id: string, body: z.output<typeof CancelBody>, now: Date): Promise<BookingDto> {
  const { b, c } = await requireBooking(deps, actor, id);
  if (b.status === 'cancelled') return presentBooking(deps, b, actor, now, c);
  if (b.status !== 'booked') throw new ConflictError('已到场或已过时段的预约不能取消', 'not_cancellable');
  const staff = runsCentre(actor, c);
  const offering = c.offerings.find((o) => o.id === b.offeringId);
  if (!staff && !mayStillChange(offering, b, c.policy.cancelCutoffMinutes, now)) {
    const when = offering?.kind === 'daily' && offering.daily ? `前一天 ${offering.daily.cutoff} 后` : `开始前 ${c.policy.cancelCutoffMinutes} 分钟内`;
    throw new ConflictError(`${when}不能在线取消，请致电服务中心`, 'past_cutoff');
  }
  const at = now.toISOString();
  const next: BookingRecord = {
    ...b, status: 'cancelled', version: body.version + 1, updatedAt: at,
    history: [...b.history, { at, what: `${whoActs(actor, b, staff)}取消${body.reason ? `：${body.reason}` : ''}` }],
  };
  const entries = await onSettledLine(async () => {
    const freed = await freedFor(deps, c, b, now);
    const told = actsForCentre(actor, b, staff) ? changedNotices(next, now) : [];
    return deps.bookings.cancel({ ...b, version: body.version }, next, freed, { outbox: [...noticesOf(freed, now), ...told] });
  });
  await deps.outbox.deliver(entries, now);
  return presentBooking(deps, next, actor, now, c);
}

/** Moves a place to another slot: the new place taken and the old freed in one transaction, or nothing changes. */
export async function rescheduleBooking(deps: BookingDeps, actor: Actor, id: string, body: z.output<typeof RescheduleBody>, key: string, now: Date): Promise<BookingDto> {
  const claim = claimFor('booking.reschedule', actor.userId, key, { id, ...body }, now, deps.hash);
  const { b, c } = await requireBooking(deps, actor, id);
  const staff = runsCentre(actor, c);
  const kind = c.offerings.find((o) => o.id === b.offeringId)?.kind;
  if (kind === 'session' || kind === 'term') throw new ConflictError('活动和学期报名不能改约，请取消后重新报名', 'not_reschedulable');
  if (b.status === 'booked' && b.version === body.version) {
    if (b.date === body.date && b.start === body.start) throw new ValidationError('新时段与原时段相同', [{ field: 'start', message: '请选择另一个时段' }]);
    if (!staff && !mayStillChange(c.offerings.find((o) => o.id === b.offeringId), b, c.policy.rescheduleCutoffMinutes, now)) {
      throw new ConflictError(`开始前 ${c.policy.rescheduleCutoffMinutes} 分钟内不能改约，请致电服务中心`, 'past_cutoff');
    }
  } else if (b.status !== 'booked') throw new ConflictError('该预约已不能改约', 'not_reschedulable');
  const slot = slotFor(deps, c, b.offeringId, body.date, body.start, now);
  const at = now.toISOString();
  return withFreshCode(
    deps,
    async (code) => {
      const next: BookingRecord = {
        ...b, code, date: slot.date, start: slot.start, end: slot.end, pool: slot.pool, version: body.version + 1, updatedAt: at,
        history: [...b.history, { at, what: `${whoActs(actor, b, staff)}改约：${b.date} ${b.start} → ${slot.date} ${slot.start}` }],
      };
      // A stale version fails the transaction's condition; a retried tap finds its receipt first.
      const outcome = await onSettledLine(async () => {
        const freed = await freedFor(deps, c, b, now);
        const told = actsForCentre(actor, b, staff) ? changedNotices(next, now) : [];
        return deps.bookings.reschedule({ ...b, version: body.version }, next, slot, freed, claim, { outbox: [...remindersFor(next, now), ...noticesOf(freed, now), ...told] });
      });
      await deps.outbox.deliver(outcome.entries, now);
      return outcome.created ? presentBooking(deps, next, actor, now, c) : replayed(deps, claim, outcome, actor, now);
    },
    b.date === body.date ? b.code : undefined,
  );
}

/** My bookings (and those I made for others): upcoming first, or the past ones newest first. */
export async function myBookings(deps: BookingDeps, actor: Actor, past: boolean, today: string, now: Date): Promise<BookingDto[]> {
  const list = await deps.bookings.ofUser(actor.userId, today, past, 50);
  const centre = centreLookup(deps);
  // The people of the list in one read (mostly the caller, on every booking), each centre once.
  const [people, centres] = await Promise.all([peopleOf(deps, list.map((b) => b.userId)), Promise.all(list.map((b) => centre(b.centreId)))]);
  return list.map((b, i) => {
    const c = centres[i]!;
    return toBookingDto(b, c, people.get(b.userId) ?? null, now, { staff: c ? runsCentre(actor, c) : false });
  });
}
