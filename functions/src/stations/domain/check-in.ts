import type { CheckInResponse } from '@linli/shared';
import { ConflictError } from '../../platform/domain/errors';
import type { Actor } from '../../platform/domain/actor';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { StationRepository } from '../ports';
import { requireStation } from './manage-stations';

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
  const station = await requireStation(deps.stations, stationId);
  if (station.status !== 'open') throw new ConflictError('驿站暂停开放，无法签到', 'station_closed');
  const day = shanghaiDate(now);
  const { counted, visitors } = await deps.stations.checkIn(stationId, actor.userId, day, now.toISOString());
  return { stationId, day, todayVisitors: visitors, alreadyCheckedIn: !counted };
}
