import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ErrandDto } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchMyErrands } from '../../services/errands';
import { errorMessage } from '../../services/request';
import { ErrandCard } from './ErrandCard';
import { detailUrl } from './labels';
import './errands.css';
import { pageClass } from '../../services/care';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';

/** 我的代办: what I (or my family through me) asked to have done, newest first, and 申请代办. */
export default function MyErrandsPage() {
  const { session } = useSession();
  const [items, setItems] = useState<ErrandDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchMyErrands()).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useDidShow(() => {
    if (session) void load();
  });
  usePullToRefresh(load);

  if (!session) return <SignInFirst />;
  return (
    <View className={pageClass('page-lg')} data-testid='my-errands'>
      <View className='card'>
        <View className='title'>代办帮办 · 上门办理</View>
        <View className='er-explain'>行动不便、没空去服务中心？请网格员或服务中心工作人员替您办，或上门来办。办到哪一步，这里都看得到。</View>
        <Button className='btn' data-testid='errand-new' onClick={() => void Taro.navigateTo({ url: '/packages/errands/new' })}>
          申请代办
        </Button>
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <Empty text='您还没有申请过代办' />}
      {items && items.length > 0 && (
        <View data-testid='errand-list'>
          <View className='er-head'>我的代办（{items.length}）</View>
          {items.map((e) => (
            <ErrandCard key={e.id} errand={e} onOpen={(id) => void Taro.navigateTo({ url: detailUrl(id) })} />
          ))}
        </View>
      )}
    </View>
  );
}
