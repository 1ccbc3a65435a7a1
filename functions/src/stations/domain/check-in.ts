import type { CheckInResponse } from '@linli/shared';
import { ConflictError, NotFoundError } from '../../platform/domain/errors';
import type { Actor } from '../../platform/domain/actor';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { StationRepository } from '../ports';

/**
 * A rider checks in at a station.
 * Primary course: the first check-in of the day counts one visitor and confirms the station's
 * information as current; later ones the same day change nothing.
 */
export async function checkIn(
  deps: { stations: StationRepository },
  actor: Actor,
  stationId: string,
  now: Date,
): Promise<CheckInResponse> {
  const day = shanghaiDate(now);
  // The store refuses a station that is missing or not open in the check-in's own write.
  const outcome = await deps.stations.checkIn(stationId, actor.userId, day, now.toISOString());
  if ('refused' in outcome) {
    if (outcome.refused === 'missing') throw new NotFoundError('驿站');
    throw new ConflictError('驿站暂停开放，无法签到', 'station_closed');
  }
  return { stationId, day, todayVisitors: outcome.visitors, alreadyCheckedIn: !outcome.counted };
}
