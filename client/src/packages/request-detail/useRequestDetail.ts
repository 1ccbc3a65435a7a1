import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { RequestDetail } from '@linli/shared';
import { ApiError, errorMessage } from '../../services/request';
import { fetchRequest } from '../../services/requests';
import { CHANGED, hasMovedOn, MOVED_AWAY } from './wording';

/**
 * The request on show, loaded each time the page shows. `update` takes the item an action answers
 * with; `load` reloads it (retry). `notice` is what the page says on top after a step was refused
 * because the item had moved on (该事项已有变化，已为您刷新).
 */
export function useRequestDetail(id: string) {
  const [request, setRequest] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null); // a retry shows the loading state, not the last error
    try {
      setRequest((await fetchRequest(id)).request);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => void load());

  const update = useCallback((r: RequestDetail) => {
    setNotice(null);
    setRequest(r);
  }, []);

  /**
   * A step on `seen` was refused with 403 or 409. Reads the item again and shows it as it is now:
   * if it moved on (its version changed: another level took it, its status changed) the page says
   * so on top; if it can no longer be seen, the page says that instead of the item. Returns whether
   * it moved on — if not, the refusal is the caller's to show (it was about the step itself).
   */
  const refreshAfterRefusal = useCallback(
    async (seen: RequestDetail): Promise<boolean> => {
      try {
        const fresh = (await fetchRequest(id)).request;
        setRequest(fresh);
        if (!hasMovedOn(seen, fresh)) return false;
        setNotice(CHANGED);
        void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
        return true;
      } catch (e) {
        setError(e instanceof ApiError && (e.status === 403 || e.status === 404) ? MOVED_AWAY : errorMessage(e));
        return true;
      }
    },
    [id],
  );

  return { request, update, error, notice, load, refreshAfterRefusal };
}
