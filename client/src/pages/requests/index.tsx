import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { RequestSummary } from '@linli/shared';
import { RequestCard } from '../../components/RequestCard';
import { NumberLookup } from './NumberLookup';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { errorMessage } from '../../services/request';
import { fetchMyRequests, fetchStaffQueue } from '../../services/requests';
import { getSession } from '../../services/session';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

const STAFF = ['grid_worker', 'community_admin', 'street_admin', 'property_staff'] as const;
type Tab = 'mine' | 'queue' | 'dept';

/** What an empty list means, for whom: a queue with nothing waiting is not "you have filed nothing". */
function emptyText(tab: Tab, departmentStaff: boolean): string {
  if (tab === 'queue') return '暂无待办事项';
  if (tab === 'dept') return departmentStaff ? '本部门暂无在办事项，街道派单后会出现在这里' : '暂无派往部门在办的事项';
  return '您还没有反映过问题';
}

export default function RequestsPage() {
  const session = getSession();
  const isStaff = !!session && session.user.roles.some((r) => (STAFF as readonly string[]).includes(r));
  const isStreet = !!session && session.user.roles.includes('street_admin');
  // Department staff (部门工作人员) work their department's queue: what the street dispatched to it.
  const isDepartment = !!session && session.user.roles.includes('department_staff');
  const [tab, setTab] = useState<Tab>(isStaff ? 'queue' : isDepartment ? 'dept' : 'mine');
  const [items, setItems] = useState<RequestSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const begin = useLatest();
  const loadTab = useCallback(async (t: Tab) => {
    if (!getSession()) return;
    const latest = begin();
    setError(null);
    try {
      const { items } = await (t === 'queue' ? fetchStaffQueue() : t === 'dept' ? fetchStaffQueue(undefined, 'department') : fetchMyRequests());
      if (latest()) setItems(items);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }, [begin]);

  useDidShow(() => void loadTab(tab));
  usePullDownRefresh(() => void loadTab(tab));

  const switchTab = (t: Tab) => {
    setTab(t);
    setItems(null);
    void loadTab(t);
  };
  const open = (id: string) => Taro.navigateTo({ url: `/packages/request-detail/index?id=${id}` });

  if (!session) {
    return (
      <View className={pageClass()}>
        <View className='card'>
          <View className='title'>登录后反映问题</View>
          <View className='muted'>小区里的问题随手拍、随时报，网格员接单办理，全程可查</View>
          <Button className='btn' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className={pageClass()}>
      {(isStaff || isDepartment) && (
        <View className='row wrap' style={{ marginBottom: '20px' }}>
          {isStaff && (
            <View className={`chip ${tab === 'queue' ? 'chip-on' : ''}`} data-testid='tab-queue' onClick={() => switchTab('queue')}>
              待办队列
            </View>
          )}
          {(isStreet || isDepartment) && (
            <View className={`chip ${tab === 'dept' ? 'chip-on' : ''}`} data-testid='tab-dept' onClick={() => switchTab('dept')}>
              {isStreet ? '部门在办' : '本部门在办'}
            </View>
          )}
          <View className={`chip ${tab === 'mine' ? 'chip-on' : ''}`} data-testid='tab-mine' onClick={() => switchTab('mine')}>
            我反映的
          </View>
        </View>
      )}
      {tab !== 'mine' && <NumberLookup />}
      {tab === 'mine' && (
        <Button className='btn' data-testid='new-request' onClick={() => void Taro.navigateTo({ url: '/packages/request-new/index' })}>
          我要反映问题
        </Button>
      )}
      <View style={{ height: '20px' }} />
      {error && <ErrorState message={error} onRetry={() => void loadTab(tab)} />}
      {!error && !items && <Loading />}
      {items && items.length === 0 && <Empty text={emptyText(tab, isDepartment && !isStreet)} />}
      {items?.map((i) => <RequestCard key={i.id} item={i} onOpen={open} />)}
      {tab !== 'mine' && items && items.length > 0 && (
        <View className='muted' style={{ textAlign: 'center' }}>
          <Text>按办理时限排序，超时事项在前</Text>
        </View>
      )}
    </View>
  );
}
