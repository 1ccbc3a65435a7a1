/** What every actor of the simulation works with: the city, the world, the clock and agenda, today. */
import type { UserRecord } from '../../../functions/src/identity/ports';
import type { City, SimPerson } from '../city/model';
import type { SimCalendar } from '../oracle';
import { inPool } from './pool';
import type { World } from './world';
import type { Agenda, SimClock } from './queue';
import type { Random } from './random';

/** A difference between the product and the recount: stops the run with the day and the item. */
export class Mismatch extends Error {
  constructor(
    readonly day: string,
    readonly item: string,
    readonly detail: string,
  ) {
    super(`recount mismatch on ${day}, ${item}: ${detail}`);
  }
}

export interface Today {
  index: number;
  date: string;
  /** Midnight China time, epoch ms. */
  start: number;
  rng: Random;
}

export interface Sim {
  seed: number;
  city: City;
  world: World;
  clock: SimClock;
  agenda: Agenda;
  cal: SimCalendar;
  people: People;
  today: Today;
  /** The first day of a resumed run: it replays the day the stopped run was in (what was done is taken as done). */
  replaying: boolean;
  /**
   * The randomness of one event: drawn from the run's seed, the event's key and the minute, so events
   * running side by side draw the same numbers in any order (a run is the same run every time).
   */
  rngFor(key: string): Random;
  /** Adds an event at the first whole minute at or after `at` (never before now). */
  schedule(at: number, kind: string, data: { key?: string } & Record<string, unknown>): void;
  fail(item: string, detail: string): never;
  log(msg: string): void;
}

/** Who is who: residents per community, the staff of each place by role. */
export class People {
  readonly byId = new Map<string, SimPerson>();
  readonly residentsOf = new Map<string, SimPerson[]>();
  private staff = new Map<string, UserRecord>();

  constructor(city: City) {
    for (const p of city.people) {
      this.byId.set(p.user.id, p);
      const u = p.user;
      if (u.roles.includes('resident') && u.communityId) {
        const list = this.residentsOf.get(u.communityId) ?? [];
        list.push(p);
        this.residentsOf.set(u.communityId, list);
      }
      for (const role of u.roles) {
        const place = role === 'street_admin' ? u.streetId : role === 'grid_worker' ? u.gridId : role === 'department_staff' ? u.departmentId : u.communityId;
        if (place && !this.staff.has(`${role}|${place}`)) this.staff.set(`${role}|${place}`, u);
      }
    }
  }

  user(id: string): UserRecord {
    const p = this.byId.get(id);
    if (!p) throw new Error(`no such person in the city: ${id}`);
    return p.user;
  }

  /** The first person of a role at a place (grid worker by grid, admins by community or street). */
  staffOf(role: string, place: string): UserRecord {
    const u = this.staff.get(`${role}|${place}`);
    if (!u) throw new Error(`the city has no ${role} for ${place}`);
    return u;
  }
}

/**
 * The recount's reads of one kind, several at a time (the checks are independent reads; DynamoDB
 * Local answers several requests at once better than one after another). Sums what each returns;
 * when some fail, waits for the rest and throws the failure of the earliest item, so the same
 * difference is reported whatever order the reads finish in.
 */
export async function checkEach<T>(items: Iterable<T>, check: (item: T) => Promise<number>, width = 6): Promise<number> {
  const results = await inPool([...items], width, (item) => check(item).then((ok) => ({ ok }), (error: unknown) => ({ ok: 0, error })));
  const failed = results.find((r) => 'error' in r);
  if (failed) throw (failed as { error: unknown }).error;
  return results.reduce((sum, r) => sum + r.ok, 0);
}

/** An answer's body, short enough for a mismatch's detail. */
export const short = (body: unknown): string => JSON.stringify(body).slice(0, 300);
/** The error code of a 4xx answer's body. */
export const errorCode = (body: unknown): string | undefined => (body as { error?: { code?: string } } | null)?.error?.code;
