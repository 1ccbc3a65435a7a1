import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { RequestDetail } from '@linli/shared';
import { errorMessage } from '../../services/request';
import { fetchRequest } from '../../services/requests';

/**
 * The request on show, loaded each time the page shows. `setRequest` takes the item an action
 * answers with; `load` reloads it (retry, or after a version conflict).
 */
export function useRequestDetail(id: string) {
  const [request, setRequest] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null); // a retry shows the loading state, not the last error
    try {
      setRequest((await fetchRequest(id)).request);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => void load());

  return { request, setRequest, error, load };
}
