/**
 * The service centre's desk at the slot time: a booked person comes and is checked in by his
 * code, or does not come and is marked no-show half an hour or more later; enough no-shows within
 * the centre's days pause his online booking (the pause the residents' next attempts run into).
 */
import type { BookingDto } from '@linli/shared';
import { addDaysTo } from '../oracle';
import { instant, BookingPart } from './booking-model';

export class BookingDesk extends BookingPart {

  /** The desk at the slot time: the person comes and is checked in by his code, or (~8%) does not come. */
  async desk(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.model.live(d.id!);
    if (!b || b.date !== d.date || b.start !== d.start) return; // cancelled or moved since
    const c = this.model.centre(b.centreId);
    await this.model.settle(c);
    const r = this.model.rngOf(c.id);
    if (r.chance(0.08)) {
      sim.schedule(instant(b.date, b.start) + (30 + r.int(30)) * 60_000, 'book.noshow', { key: `book-${c.id}`, id: b.id });
      return;
    }
    const res = await sim.world.api.call<{ booking: BookingDto }>(sim.people.staffOf('service_staff', c.communityId), 'POST', `/centres/${c.id}/check-ins`, { kind: 'booking_checkin', body: { code: b.code } });
    this.model.expectBooking(`checking in ${b.id} (code ${b.code})`, res, { id: b.id, status: 'checked_in', version: b.version + 1 });
    b.status = 'checked_in';
    b.version++;
    this.state.figures.checkedIn++;
  }

  async noShow(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.model.live(d.id!);
    if (!b) return;
    const c = this.model.centre(b.centreId);
    await this.model.settle(c);
    const res = await sim.world.api.call<{ booking: BookingDto }>(sim.people.staffOf('service_staff', c.communityId), 'POST', `/bookings/${b.id}/no-show`, { kind: 'booking_noshow', body: { version: b.version } });
    this.model.expectBooking(`marking ${b.id} no-show`, res, { status: 'no_show', version: b.version + 1 });
    b.status = 'no_show';
    b.version++;
    this.state.figures.noShows++;
    this.model.touch(c, b.userId);
    // The rule: the count of no-shows of bookings dated within its days, this one included.
    const today = sim.today.date;
    const rule = c.policy.noShow;
    const dates = [...(this.state.noShows[b.userId] ?? []), b.date];
    this.state.noShows[b.userId] = dates;
    if (dates.filter((x) => x >= addDaysTo(today, -rule.days)).length >= rule.count) {
      this.state.pauses[b.userId] = addDaysTo(today, rule.pauseDays);
      this.state.figures.paused++;
    }
  }
}
