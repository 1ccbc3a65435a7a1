/** 认领: a member of the grid team takes an item of the team's queue; he then handles it as the grid's worker would. */
import { ConflictError, ForbiddenError } from '../../platform/domain/errors';
import { bump, type Ctx, event, requireStatus, type ServiceRequest, type Transition } from './model';

/** What of a member's team membership decides which items he may claim. */
export interface Coverage {
  gridIds: readonly string[];
  /** Category groups he takes; empty: every group. */
  specialties: readonly string[];
}

/** Whether an item is in the member's part of the team queue: a grid item of a grid he covers, of a group he takes. */
export const inTeamQueue = (r: Pick<ServiceRequest, 'level' | 'gridId' | 'group'>, c: Coverage): boolean =>
  r.level === 'grid' && r.gridId !== null && c.gridIds.includes(r.gridId) && (c.specialties.length === 0 || c.specialties.includes(r.group));

/**
 * The member claims an unclaimed item waiting at the grid. It stays waiting for acceptance (its
 * deadlines run on) but is his: only he (and the grid's own worker) act for it from now on.
 */
export function claim(r: ServiceRequest, ctx: Ctx, c: Coverage): Transition {
  if (r.level !== 'grid' || !r.gridId || !c.gridIds.includes(r.gridId)) throw new ForbiddenError('该事项不在您负责的网格');
  if (c.specialties.length > 0 && !c.specialties.includes(r.group)) throw new ForbiddenError(`该事项（${r.group}）不在您负责的专长范围`);
  if (r.assigneeId) {
    throw new ConflictError(r.assigneeId === ctx.actor.userId ? '您已认领该事项' : '该事项已被其他队员认领', 'already_claimed');
  }
  requireStatus(r, 'submitted');
  const next = bump(r, { assigneeId: ctx.actor.userId }, ctx.now);
  return { next, events: [event(next, 'claimed', ctx.actor, ctx.actorName, ctx.now.toISOString(), `${ctx.actorName || '团队成员'}认领了该事项`)] };
}
