/** Who may run a centre, book for whom, and see or change a booking. Pure rules. */
import { type Actor, hasRole } from '../../platform/domain/actor';
import type { UserRecord } from '../../identity/ports';
import type { BookingRecord } from '../ports';
import type { CentreRecord } from './centre';

/** Centre staff and the community's admin run a centre; the street admin runs every centre of his street. */
export const runsCentre = (actor: Actor, c: Pick<CentreRecord, 'communityId' | 'streetId'>): boolean =>
  (hasRole(actor, 'service_staff', 'community_admin') && actor.communityId === c.communityId) || (hasRole(actor, 'street_admin') && actor.streetId === c.streetId);

/**
 * Who may book for someone else (代办): his grid worker, staff of the centre, or a family member
 * he has linked (he consented when he linked).
 */
export function mayBookFor(actor: Actor, person: Pick<UserRecord, 'gridId' | 'communityId'>, centre: CentreRecord, linked: boolean): 'grid_worker' | 'staff' | 'family' | null {
  if (linked) return 'family';
  if (hasRole(actor, 'grid_worker', 'parttime_grid_worker') && actor.gridId !== null && actor.gridId === person.gridId) return 'grid_worker';
  if (runsCentre(actor, centre)) return 'staff';
  return null;
}

/** The person, the one who booked for him, and the centre's staff see a booking. */
export const seesBooking = (actor: Actor, b: BookingRecord): boolean =>
  actor.userId === b.userId || actor.userId === b.bookedBy || runsCentre(actor, b);
