/**
 * A community's weekly after-hours report: bookings and attendance, evening against weekend use,
 * the busiest offerings, walk-ins, waitlist joins and reminders that could not be sent — the figures
 * a street uses to see whether the extended hours serve people who work.
 */
import type { BookingReportResponse } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { BookingRecord } from '../ports';
import { addDays } from './centre';
import type { BookingDeps } from './deps';
import { blocksOn, minutesOf } from './schedule';

/** The Monday of the week before `today`. */
export function lastWeekMonday(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, -((weekday + 6) % 7) - 7);
}

export async function weeklyReport(deps: BookingDeps, actor: Actor, communityId: string, from: string | undefined, now: Date): Promise<BookingReportResponse> {
  const community = await deps.places.getCommunity(communityId);
  if (!community) throw new NotFoundError('社区');
  const allowed =
    (hasRole(actor, 'community_admin', 'service_staff') && actor.communityId === communityId) || (hasRole(actor, 'street_admin') && actor.streetId === community.streetId);
  if (!allowed) throw new ForbiddenError('只能查看本社区（街道）的报表');
  const start = from ?? lastWeekMonday(shanghaiDate(now));
  const dates = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const centres = (await deps.centres.ofStreet(community.streetId)).filter((c) => c.communityId === communityId);
  const perDay = await Promise.all(
    dates.map(async (date) => {
      const parts = await Promise.all(
        centres.map(async (c) => {
          const [bookings, walkIns, unsent, stats] = await Promise.all([
            deps.bookings.ofCentreDay(c.id, date), deps.bookings.walkIns(c.id, date), deps.bookings.unsent(c.id, date), deps.bookings.dayStats(c.id, date),
          ]);
          return { c, bookings, walkIns: walkIns.length, unsent: unsent.length, joins: stats.waitlistJoins };
        }),
      );
      return { date, parts };
    }),
  );
  const all: { b: BookingRecord; kind: string }[] = [];
  const names = new Map<string, string>();
  for (const { date, parts } of perDay) {
    for (const p of parts) {
      const kind = centres.length ? blocksOn(p.c, date, deps.calendar).kind : 'workday';
      for (const o of p.c.offerings) names.set(o.id, o.name);
      for (const b of p.bookings) all.push({ b, kind });
    }
  }
  const count = (f: (x: { b: BookingRecord; kind: string }) => boolean) => all.filter(f).length;
  const kept = (x: { b: BookingRecord }) => x.b.status !== 'cancelled';
  const checkedIn = count((x) => x.b.status === 'checked_in');
  const noShow = count((x) => x.b.status === 'no_show');
  const byOffering = new Map<string, number>();
  for (const x of all.filter(kept)) byOffering.set(x.b.offeringId, (byOffering.get(x.b.offeringId) ?? 0) + 1);
  const sum = (f: (p: (typeof perDay)[number]['parts'][number]) => number) => perDay.reduce((n, d) => n + d.parts.reduce((m, p) => m + f(p), 0), 0);
  return {
    communityId, from: start, to: dates[6]!,
    bookings: count(kept),
    cancelled: count((x) => x.b.status === 'cancelled'),
    checkedIn, noShow,
    attendanceRate: checkedIn + noShow ? Math.round((checkedIn / (checkedIn + noShow)) * 1000) / 1000 : null,
    byTime: {
      evening: count((x) => kept(x) && x.kind === 'workday' && minutesOf(x.b.start) >= 17 * 60),
      weekend: count((x) => kept(x) && x.kind !== 'workday'),
      daytime: count((x) => kept(x) && x.kind === 'workday' && minutesOf(x.b.start) < 17 * 60),
    },
    busiest: [...byOffering].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([offeringId, bookings]) => ({ offeringId, name: names.get(offeringId) ?? offeringId, bookings })),
    walkIns: sum((p) => p.walkIns),
    waitlistJoins: sum((p) => p.joins),
    remindersNotSent: sum((p) => p.unsent),
    days: perDay.map(({ date, parts }) => ({
      date,
      dayLabel: centres.length ? blocksOn(centres[0]!, date, deps.calendar).label : '',
      bookings: parts.reduce((n, p) => n + p.bookings.filter((b) => b.status !== 'cancelled').length, 0),
      checkedIn: parts.reduce((n, p) => n + p.bookings.filter((b) => b.status === 'checked_in').length, 0),
      walkIns: parts.reduce((n, p) => n + p.walkIns, 0),
    })),
  };
}
