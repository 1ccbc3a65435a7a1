import Taro from '@tarojs/taro';
import type { ApplicationDto, RIDER_PLATFORMS } from '@linli/shared';

export type Platform = (typeof RIDER_PLATFORMS)[number];

/**
 * What this phone remembers of the rider's own choices, per user: the platform he named and the
 * application he sent. The API returns neither to the rider (the session's user has no platform,
 * and there is no "my applications" list), so without it the page would offer an empty form again.
 */
export interface RiderMemo {
  platform?: Platform;
  application?: ApplicationDto;
}

const key = (userId: string) => `linli.rider.${userId}`;

export function readMemo(userId: string): RiderMemo {
  return Taro.getStorageSync<RiderMemo | ''>(key(userId)) || {};
}

export function writeMemo(userId: string, change: Partial<RiderMemo>): RiderMemo {
  const next = { ...readMemo(userId), ...change };
  Taro.setStorageSync(key(userId), next);
  return next;
}
