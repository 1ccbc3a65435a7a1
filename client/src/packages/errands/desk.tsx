import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrandDto, Role } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchCentres } from '../../services/booking';
import { fetchCentreErrands, fetchGridErrands } from '../../services/errands';
import { errorMessage } from '../../services/request';
import { ErrandCard } from './ErrandCard';
import { detailUrl } from './labels';
import './errands.css';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

const CENTRE_STAFF: readonly Role[] = ['service_staff', 'community_admin', 'street_admin'];
const GRID_WORKERS: readonly Role[] = ['grid_worker', 'parttime_grid_worker'];

/** Where errands come from: one's grid (grid workers) or a centre one runs (its staff). */
interface Queue {
  key: string;
  label: string;
  grid?: string;
  centre?: string;
}

/**
 * 代办工作台: grid workers see their grid's open errands, centre staff their centre's (open, or
 * all); each opens its page to take the next step.
 */
export default function ErrandDeskPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const roles = user?.roles ?? [];
  const staff = roles.some((r) => CENTRE_STAFF.includes(r));
  const wholeStreet = roles.includes('street_admin');
  const gridId = roles.some((r) => GRID_WORKERS.includes(r)) ? user?.gridId ?? null : null;
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const [queue, setQueue] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const [items, setItems] = useState<ErrandDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadQueues = useCallback(async () => {
    setError(null);
    const list: Queue[] = gridId ? [{ key: `grid:${gridId}`, label: '本网格', grid: gridId }] : [];
    try {
      if (staff) {
        const centres = (await fetchCentres()).items.filter((c) => wholeStreet || c.mine);
        list.push(...centres.map((c) => ({ key: `centre:${c.id}`, label: c.name, centre: c.id })));
      }
      setQueues(list);
      setQueue((q) => q ?? list[0]?.key ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [gridId, staff, wholeStreet]);

  const begin = useLatest();
  const load = useCallback(async () => {
    const q = queues?.find((x) => x.key === queue);
    if (!q) return;
    const latest = begin();
    setError(null);
    try {
      const res = q.grid ? await fetchGridErrands(q.grid) : await fetchCentreErrands(q.centre!, all ? 'all' : 'open');
      if (latest()) setItems(res.items);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [queues, queue, all, begin]);

  useEffect(() => {
    if (staff || gridId) void loadQueues();
  }, [staff, gridId, loadQueues]);
  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session || (!staff && !gridId)) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有代办工作台权限' : '请先登录'}</View>
          {session && <View className='muted'>网格员和服务中心工作人员可以使用代办工作台</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }
  if (!queues) return <View className={pageClass('page-lg')}>{error ? <ErrorState message={error} onRetry={() => void loadQueues()} /> : <Loading />}</View>;
  if (queues.length === 0) return <View className={pageClass('page-lg')}><Empty text='还没有开通服务的服务中心' /></View>;
  const current = queues.find((q) => q.key === queue) ?? queues[0]!;
  const open = items?.filter((e) => e.status !== 'returned' && e.status !== 'cancelled').length ?? 0;

  return (
    <View className={pageClass('page-lg')} data-testid='errand-desk'>
      {queues.length > 1 && (
        <View className='row wrap' data-testid='errand-queues'>
          {queues.map((q) => (
            <View key={q.key} className={`chip ${q.key === current.key ? 'chip-on' : ''}`} data-testid={`errand-queue-${q.key}`} onClick={() => setQueue(q.key)}>
              {q.label}
            </View>
          ))}
        </View>
      )}
      <View className='card'>
        <View className='title' data-testid='errand-queue-title'>
          {current.grid ? '本网格居民的代办' : `${current.label}的代办`}
        </View>
        <View className='er-line'>{items ? `未办结 ${open} 件` : ' '}</View>
        {current.centre && (
          <View className='row wrap' style={{ marginTop: '12px' }}>
            <View className={`chip ${!all ? 'chip-on' : ''}`} data-testid='errand-filter-open' onClick={() => setAll(false)}>
              未办结
            </View>
            <View className={`chip ${all ? 'chip-on' : ''}`} data-testid='errand-filter-all' onClick={() => setAll(true)}>
              全部
            </View>
          </View>
        )}
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <Empty text='现在没有要办的代办' />}
      {items && items.length > 0 && (
        <View data-testid='errand-queue'>
          {items.map((e) => (
            <ErrandCard key={e.id} errand={e} staff onOpen={(id) => void Taro.navigateTo({ url: detailUrl(id) })} />
          ))}
        </View>
      )}
    </View>
  );
}
