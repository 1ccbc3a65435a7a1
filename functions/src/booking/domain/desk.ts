/**
 * The centre's desk: the day's sheet, checking people in by code or QR, walk-ins, no-shows and the
 * graduated no-show rule (e.g. 3 in 30 days → online booking paused 14 days), lifted by staff on appeal.
 */
import { BOOKING_NOTICE_LABELS, type BookingDto, type BookingNoticeKind, type CentreDayResponse, type WalkInDto } from '@linli/shared';
import type { z } from 'zod';
import type { WalkInBody } from '@linli/shared';
import { type Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { BookingPause, BookingRecord, WalkInRecord } from '../ports';
import { runsCentre } from './access';
import { addDays, type CentreRecord } from './centre';
import { peopleOf, staffCentre } from './lookups';
import type { BookingDeps } from './deps';
import { toBookingDto } from './present';
import { blocksOn, clockOf, instantOf, minutesOf, onlineCapacity, slotsOn } from './schedule';
import { requireOffering } from './slots';

const UNSENT_REASONS = { no_consent: '未授权消息提醒', refused: '微信拒收（用户已关闭提醒）', not_configured: '未配置消息模板' } as const;

const walkInDto = (c: CentreRecord, w: WalkInRecord): WalkInDto => ({
  id: w.id,
  offeringId: w.offeringId,
  offeringName: c.offerings.find((o) => o.id === w.offeringId)?.name ?? '',
  name: w.name,
  note: w.note,
  at: w.at,
});

/** The day sheet: slots by pool (windows, rooms) with their bookings, the walk-ins and the counts. */
export async function centreDay(deps: BookingDeps, actor: Actor, centreId: string, date: string, now: Date): Promise<CentreDayResponse> {
  const c = await staffCentre(deps, actor, centreId);
  const [bookings, walkIns, unsent, counters] = await Promise.all([
    deps.bookings.ofCentreDay(c.id, date), deps.bookings.walkIns(c.id, date), deps.bookings.unsent(c.id, date), deps.bookings.counts(c.id, date, date),
  ]);
  const counted = new Map(counters.map((n) => [`${n.start}#${n.pool}`, n.taken]));
  /**
   * Places held for the waitlist: what the slot's counter holds beyond its bookings. Every booking
   * not cancelled keeps its place in the counter (checked in and no-show too), so all of them count.
   */
  const heldIn = (start: string, pool: string) => Math.max(0, (counted.get(`${start}#${pool}`) ?? 0) - bookings.filter((b) => b.start === start && b.pool === pool && b.status !== 'cancelled').length);
  const people = await peopleOf(deps, [...bookings.map((b) => b.userId), ...unsent.map((u) => u.userId)]);
  const dto = (b: BookingRecord): BookingDto => toBookingDto(b, c, people.get(b.userId) ?? null, now, { staff: true });
  const day = blocksOn(c, date, deps.calendar);
  const pools = [
    ...(c.offerings.some((o) => o.kind === 'appointment' && o.room === null) ? [{ pool: 'windows', label: '综合窗口', roomCapacity: null as number | null }] : []),
    ...c.rooms.map((r) => ({ pool: `room-${r.id}`, label: r.name, roomCapacity: r.capacity })),
  ];
  const live = (b: BookingRecord) => b.status !== 'cancelled';
  const slots: CentreDayResponse['slots'] = [];
  for (const block of day.blocks) {
    for (let m = minutesOf(block.start); m + block.slotMinutes <= minutesOf(block.end); m += block.slotMinutes) {
      const start = clockOf(m);
      for (const p of pools) {
        const here = bookings.filter((b) => b.start === start && b.pool === p.pool);
        const staffed = p.roomCapacity === null ? block.windows : block.windows > 0 ? p.roomCapacity : 0;
        slots.push({
          start, end: clockOf(m + block.slotMinutes), pool: p.pool, poolLabel: p.label,
          capacity: onlineCapacity(staffed, c.policy.walkInShare), taken: here.filter((b) => b.status === 'booked' || b.status === 'checked_in').length,
          held: heldIn(start, p.pool), bookings: here.filter(live).map(dto),
        });
      }
    }
  }
  // Activities, terms and daily orders: their own times and seats.
  for (const o of c.offerings.filter((x) => x.kind !== 'appointment')) {
    for (const s of slotsOn(c, o, date, deps.calendar)) {
      const here = bookings.filter((b) => b.pool === s.pool && b.start === s.start);
      slots.push({
        start: s.start, end: s.end, pool: s.pool, poolLabel: o.name, capacity: s.capacity, taken: here.filter((b) => b.status === 'booked' || b.status === 'checked_in').length,
        held: heldIn(s.start, s.pool), bookings: here.filter(live).map(dto),
      });
    }
  }
  // Bookings left outside today's rules (the rules changed after they were made) are listed too, not lost.
  const placed = new Set(slots.flatMap((s) => s.bookings.map((b) => b.id)));
  for (const b of bookings.filter((x) => live(x) && !placed.has(x.id))) {
    slots.push({ start: b.start, end: b.end, pool: b.pool, poolLabel: '已不在开放时间内', capacity: 0, taken: 1, held: 0, bookings: [dto(b)] });
  }
  const count = (s: BookingRecord['status']) => bookings.filter((b) => b.status === s).length;
  return {
    centreId: c.id, date, dayLabel: day.label, slots,
    walkIns: walkIns.map((w) => walkInDto(c, w)),
    unsent: unsent.map((u) => ({
      bookingId: u.bookingId, start: u.start, name: people.get(u.userId)?.name ?? '已注销用户', phone: people.get(u.userId)?.phone ?? null,
      what: BOOKING_NOTICE_LABELS[u.kind as BookingNoticeKind] ?? u.kind, reason: UNSENT_REASONS[u.reason], at: u.at,
    })),
    summary: { booked: count('booked'), checkedIn: count('checked_in'), noShow: count('no_show'), cancelled: count('cancelled'), walkIns: walkIns.length },
  };
}

/** The code from what the desk typed or scanned: six digits, or the QR text of this centre and today. */
function codeFrom(c: CentreRecord, input: string, today: string): string {
  if (/^\d{6}$/.test(input)) return input;
  const qr = /^linli:booking:([A-Za-z0-9_-]+):(\d{4}-\d{2}-\d{2}):(\d{6})$/.exec(input);
  if (!qr) throw new ValidationError('预约码应为 6 位数字', [{ field: 'code', message: '请输入 6 位预约码或扫描预约二维码' }]);
  if (qr[1] !== c.id) throw new ConflictError('这是其他服务中心的预约', 'other_centre');
  if (qr[2] !== today) throw new ConflictError(`这是 ${qr[2]} 的预约，不是今天的`, 'not_today');
  return qr[3]!;
}

/** Checks a person in (at any time of the day of his booking); checking in twice is harmless. */
export async function checkIn(deps: BookingDeps, actor: Actor, centreId: string, input: string, now: Date): Promise<BookingDto> {
  const c = await staffCentre(deps, actor, centreId);
  const today = shanghaiDate(now);
  const b = await deps.bookings.byCode(c.id, today, codeFrom(c, input, today));
  if (!b) throw new NotFoundError('今天的这个预约码');
  const person = (await peopleOf(deps, [b.userId])).get(b.userId) ?? null;
  if (b.status === 'checked_in') return toBookingDto(b, c, person, now, { staff: true });
  if (b.status === 'cancelled' || b.date !== today) throw new ConflictError('该预约已取消或已改到其他时间', 'booking_cancelled');
  if (b.status === 'no_show') throw new ConflictError('该预约已记为未到场', 'already_no_show');
  const at = now.toISOString();
  const next: BookingRecord = { ...b, status: 'checked_in', version: b.version + 1, updatedAt: at, history: [...b.history, { at, what: '到场签到' }] };
  await deps.bookings.settle(b, next);
  return toBookingDto(next, c, person, now, { staff: true });
}

/**
 * Marks a no-show once the slot has started. At the rule's count within its days, online booking
 * is paused for the person (in the same transaction), with the reason he will be shown.
 */
export async function markNoShow(deps: BookingDeps, actor: Actor, id: string, version: number, now: Date): Promise<BookingDto> {
  const b = await deps.bookings.get(id);
  if (!b) throw new NotFoundError('预约');
  const c = await staffCentre(deps, actor, b.centreId);
  if (instantOf(b.date, b.start).getTime() > now.getTime()) throw new ConflictError('时段开始后才能记为未到场', 'not_started');
  if (b.status !== 'booked') throw new ConflictError('只有未签到的预约可以记为未到场', 'not_booked');
  const at = now.toISOString();
  const next: BookingRecord = { ...b, status: 'no_show', version: version + 1, updatedAt: at, history: [...b.history, { at, what: '记为未到场' }] };
  const rule = c.policy.noShow;
  const today = shanghaiDate(now);
  const earlier = await deps.bookings.noShowsSince(b.userId, addDays(today, -rule.days));
  const pause: BookingPause | undefined =
    earlier + 1 >= rule.count
      ? { until: addDays(today, rule.pauseDays), reason: `${rule.days} 天内预约后未到场 ${earlier + 1} 次，暂停在线预约 ${rule.pauseDays} 天`, since: at }
      : undefined;
  await deps.bookings.settle({ ...b, version }, next, pause);
  const person = (await peopleOf(deps, [b.userId])).get(b.userId) ?? null;
  return toBookingDto(next, c, person, now, { staff: true });
}

/** The pause a person is under today, if any. */
export async function activePause(deps: BookingDeps, userId: string, now: Date): Promise<BookingPause | null> {
  const p = await deps.bookings.pauseOf(userId);
  return p && p.until > shanghaiDate(now) ? p : null;
}

/** Staff lift a pause on appeal: the person's community's centre staff, or the street's admin. */
export async function liftPause(deps: BookingDeps, actor: Actor, userId: string): Promise<void> {
  const user = await deps.users.get(userId);
  if (!user) throw new NotFoundError('居民');
  if (!runsCentre(actor, { communityId: user.communityId ?? '', streetId: user.streetId ?? '' })) throw new ForbiddenError('只能为本社区（街道）的居民解除暂停');
  await deps.bookings.liftPause(userId);
}

/** Records a walk-in (idempotent by key). */
export async function recordWalkIn(deps: BookingDeps, actor: Actor, centreId: string, body: z.output<typeof WalkInBody>, key: string, now: Date): Promise<WalkInDto> {
  const claim = claimFor('booking.walkin', actor.userId, key, { centreId, ...body }, now, deps.hash);
  const c = await staffCentre(deps, actor, centreId);
  requireOffering(c, body.offeringId);
  const w: WalkInRecord = { id: deps.newId(), centreId: c.id, date: shanghaiDate(now), offeringId: body.offeringId, name: body.name, note: body.note, at: now.toISOString(), recordedBy: actor.userId };
  const outcome = await deps.bookings.recordWalkIn(w, claim);
  if (outcome.created) return walkInDto(c, w);
  const id = replayOf(claim, outcome.receipt).id;
  const earlier = (await deps.bookings.walkIns(c.id, w.date)).find((x) => x.id === id);
  if (!earlier) throw new NotFoundError('现场办理记录');
  return walkInDto(c, earlier);
}
