/** The redemption sites a staff member works at, with the one he chose last (remembered per page). */
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { SiteDto, User } from '@linli/shared';
import { fetchSites } from '../../services/points-staff';
import { errorMessage } from '../../services/request';
import { staffsSite } from './sites';

export function useStaffSites(user: User | undefined, allowed: boolean, storageKey: string) {
  const [sites, setSites] = useState<SiteDto[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!user) return;
    setError(null);
    try {
      const list = (await fetchSites()).items.filter((s) => staffsSite(user, s));
      setSites(list);
      const wanted = Taro.getStorageSync<string>(storageKey);
      setSiteId((id) => id ?? (list.find((s) => s.id === wanted) ?? list[0])?.id ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [user, storageKey]);
  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  const pickSite = (id: string) => {
    Taro.setStorageSync(storageKey, id);
    setSiteId(id);
  };
  return { sites, siteId, pickSite, error, load };
}
