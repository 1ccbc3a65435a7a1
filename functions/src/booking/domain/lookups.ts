/** Reads the booking use cases share: a centre its staff act on, people by id, centres of a list, each once. */
import { type Actor } from '../../platform/domain/actor';
import { ForbiddenError } from '../../platform/domain/errors';
import { runsCentre } from './access';
import type { CentreRecord } from './centre';
import { requireCentre } from './centres';
import type { BookingDeps } from './deps';

/** The centre, if the caller runs it (its staff, its community's admin, its street's admin). */
export async function staffCentre(deps: Pick<BookingDeps, 'centres'>, actor: Actor, centreId: string): Promise<CentreRecord> {
  const c = await requireCentre(deps, centreId);
  if (!runsCentre(actor, c)) throw new ForbiddenError('只有本中心的工作人员可以操作');
  return c;
}

/** Every person's name and phone, all read together (names are not copied into bookings); erased people are left out. */
export async function peopleOf(deps: Pick<BookingDeps, 'users'>, ids: readonly string[]) {
  const users = await deps.users.getMany([...new Set(ids)]);
  return new Map([...users.values()].filter((u) => !u.deletedAt).map((u) => [u.id, { name: u.name, phone: u.phone }]));
}

/** A reader of centres that fetches each one once (lists of bookings, lines and errands span few centres). */
export function centreLookup(deps: Pick<BookingDeps, 'centres'>): (id: string) => Promise<CentreRecord | null> {
  const seen = new Map<string, Promise<CentreRecord | null>>();
  return (id) => {
    if (!seen.has(id)) seen.set(id, deps.centres.get(id));
    return seen.get(id)!;
  };
}
