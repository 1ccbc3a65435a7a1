/**
 * Waitlists (候补): a full slot keeps a line. A place given up (cancelled, moved away, an offer
 * declined or lapsed) is offered to the first in line and held for `holdMinutes` — the hold counts
 * against capacity until it lapses — then offered to the next. The counter is never touched for a
 * hold: the place stays taken, it only changes hands, so capacity holds by construction.
 */
import type { z } from 'zod';
import type { WaitEntryDto, WaitlistBody } from '@linli/shared';
import { type Actor } from '../../platform/domain/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { TickTask } from '../../platform/domain/tick';
import type { WaitEntry } from '../ports';
import { bookingRecord, presentBooking, slotFor, withFreshCode } from './book';
import { activePause } from './desk';
import type { CentreRecord } from './centre';
import { requireCentre } from './centres';
import { centreLookup } from './lookups';
import type { BookingDeps } from './deps';
import { freedFor, noticesOf, onSettledLine, templatesOf } from './line';
import { remindersFor } from './reminders';
import { poolOf, slotsOn } from './schedule';
import { requireOffering } from './slots';
import type { BookingDto } from '@linli/shared';

async function toDto(deps: BookingDeps, e: WaitEntry, c: CentreRecord | null): Promise<WaitEntryDto> {
  const line = e.status === 'waiting' ? (await deps.waitlist.of(e.centreId, e.date, e.start, e.pool)).filter((x) => x.status === 'waiting') : [];
  const offering = c?.offerings.find((o) => o.id === e.offeringId);
  return {
    centreId: e.centreId,
    centreName: c?.name ?? '',
    offeringId: e.offeringId,
    offeringName: offering?.name ?? '',
    date: e.date,
    start: e.start,
    status: e.status,
    statusLabel: e.status === 'waiting' ? '候补中' : '有空位，请尽快确认',
    position: e.status === 'waiting' ? line.findIndex((x) => x.userId === e.userId) + 1 : null,
    holdUntil: e.holdUntil,
  };
}

const keyOf = (c: CentreRecord, body: z.output<typeof WaitlistBody>, userId: string) => ({
  centreId: c.id, date: body.date, start: body.start, pool: poolOf(requireOffering(c, body.offeringId)), userId,
});

/** Joins the line of a full slot (once per key). */
export async function joinWaitlist(deps: BookingDeps, actor: Actor, centreId: string, body: z.output<typeof WaitlistBody>, key: string, now: Date): Promise<WaitEntryDto> {
  const claim = claimFor('booking.wait', actor.userId, key, { centreId, ...body }, now, deps.hash);
  const c = await requireCentre(deps, centreId);
  const user = await deps.users.get(actor.userId);
  if (!user?.realName) throw new ValidationError('候补需要真实姓名，请先在"我的"中填写', [{ field: 'name', message: '请先登记真实姓名' }]);
  const pause = await activePause(deps, actor.userId, now);
  if (pause) throw new ConflictError(`${pause.reason}，${pause.until} 起恢复`, 'booking_paused');
  const slot = slotFor(deps, c, body.offeringId, body.date, body.start, now);
  const entry: WaitEntry = {
    centreId: c.id, date: slot.date, start: slot.start, pool: slot.pool, offeringId: body.offeringId, userId: actor.userId,
    joinedAt: now.toISOString(), status: 'waiting', holdUntil: null, version: 1,
  };
  const outcome = await deps.waitlist.join(entry, slot.capacity, claim, { consents: { userId: actor.userId, templates: templatesOf(body.notify, deps.bookingTemplates) } });
  if (!outcome.created) replayOf(claim, outcome.receipt);
  const stored = await deps.waitlist.get(entry);
  if (!stored) throw new NotFoundError('候补');
  return toDto(deps, stored, c);
}

/** Takes the place held for him: the hold becomes his booking (the counter already counts it), once per key. */
export async function acceptOffer(deps: BookingDeps, actor: Actor, centreId: string, body: z.output<typeof WaitlistBody>, key: string, now: Date): Promise<BookingDto> {
  const claim = claimFor('booking.accept', actor.userId, key, { centreId, ...body }, now, deps.hash);
  const c = await requireCentre(deps, centreId);
  const offering = requireOffering(c, body.offeringId);
  const slot = slotsOn(c, offering, body.date, deps.calendar).find((s) => s.start === body.start);
  if (!slot) throw new ConflictError('该时段不开放预约', 'outside_rules');
  const found = await deps.waitlist.get(keyOf(c, body, actor.userId));
  if (found && (found.status !== 'offered' || !found.holdUntil || found.holdUntil <= now.toISOString())) {
    throw new ConflictError('还没有轮到您，或保留时间已过', 'offer_gone');
  }
  // No entry: accepted before (the transaction finds this key's receipt and replays it) or never offered (offer_gone).
  const entry: WaitEntry = found ?? { ...keyOf(c, body, actor.userId), offeringId: offering.id, joinedAt: '', status: 'offered', holdUntil: null, version: 0 };
  const id = deps.newId();
  return withFreshCode(deps, async (code) => {
    const record = bookingRecord({ id, code, c, offeringId: offering.id, slot, userId: actor.userId, bookedBy: actor.userId, bookedByNote: null, note: '', now, what: '候补到号，转为预约' });
    const outcome = await deps.waitlist.accept(entry, record, now.toISOString(), claim, { outbox: remindersFor(record, now) });
    if (outcome.created) return presentBooking(deps, record, actor, now, c);
    const earlier = await deps.bookings.get(replayOf(claim, outcome.receipt).id);
    if (!earlier) throw new NotFoundError('预约');
    return presentBooking(deps, earlier, actor, now, c);
  });
}

/** Leaves the line; a place held for him goes on to the next. */
export async function leaveWaitlist(deps: BookingDeps, actor: Actor, centreId: string, body: z.output<typeof WaitlistBody>, now: Date): Promise<void> {
  const c = await requireCentre(deps, centreId);
  await onSettledLine(async () => {
    const e = await deps.waitlist.get(keyOf(c, body, actor.userId));
    if (!e) throw new NotFoundError('候补');
    const freed = e.status === 'offered' ? await freedFor(deps, c, e, now) : null;
    await deps.outbox.deliver(await deps.waitlist.leave(e, freed, { outbox: freed ? noticesOf(freed, now) : [] }), now);
  });
}

/** My places in lines, from today on. */
export async function myWaits(deps: BookingDeps, actor: Actor, now: Date): Promise<WaitEntryDto[]> {
  const entries = await deps.waitlist.ofUser(actor.userId, shanghaiDate(now));
  const centre = centreLookup(deps);
  return Promise.all(entries.map(async (e) => toDto(deps, e, await centre(e.centreId))));
}

/** The tick's task: offers whose hold lapsed pass to the next in line (or back to the slot). */
export const lapseOffersTask = (deps: BookingDeps): TickTask => ({
  name: 'booking.lapseOffers',
  budget: 200,
  async run(now, budget) {
    const due = await deps.waitlist.lapsed(now.toISOString(), budget);
    const centre = centreLookup(deps);
    let passed = 0;
    for (const e of due) {
      const c = await centre(e.centreId);
      if (!c) continue;
      try {
        await onSettledLine(async () => {
          const current = await deps.waitlist.get(e);
          if (!current || current.status !== 'offered' || !current.holdUntil || current.holdUntil > now.toISOString()) return;
          const freed = await freedFor(deps, c, current, now);
          await deps.outbox.deliver(await deps.waitlist.leave(current, freed, { outbox: noticesOf(freed, now) }), now);
          passed++;
        });
      } catch (err) {
        // Accepted meanwhile: nothing lapsed.
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    return { handled: due.length, more: due.length >= budget, stats: { passed } };
  },
});
