import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { type ReactNode, useCallback, useState } from 'react';
import type { ErrandDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { fetchErrand } from '../../services/errands';
import { errorMessage } from '../../services/request';
import { ErrandTimeline } from './ErrandTimeline';
import { statusTag } from './labels';
import { StepPanel } from './StepPanel';
import './errands.css';
import { pageClass } from '../../services/care';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';

function Line({ k, children, testid }: { k: string; children: ReactNode; testid?: string }) {
  return (
    <View className='kv'>
      <Text className='muted kv-key'>{k}</Text>
      <View className='kv-value' data-testid={testid}>
        {children}
      </View>
    </View>
  );
}

/**
 * 代办详情 (`?id=`): what, how, for whom and where, its status in words, what to have ready, the
 * steps the caller may take now (staff: 受理 → 已收材料 → 已办理 → 已送回; the resident may cancel
 * until it is accepted), and every step so far.
 */
export default function ErrandDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [errand, setErrand] = useState<ErrandDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setErrand((await fetchErrand(id)).errand);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => void load());
  usePullToRefresh(load);

  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!errand) return <View className={pageClass('page-lg')}><Loading /></View>;
  const e = errand;
  return (
    <View className={pageClass('page-lg')} data-testid='errand-detail'>
      <View className='card'>
        <View className='row between'>
          <Text className='title' style={{ flex: 1 }}>
            {e.offeringName}
          </Text>
          <Text className={`tag ${statusTag(e.status)}`} data-testid='errand-status'>
            {e.statusLabel}
          </Text>
        </View>
        <View className='er-mode' data-testid='errand-mode'>
          {e.modeLabel}
        </View>
        <View className='er-info'>
          <Line k='服务中心'>{e.centreName}</Line>
          <Line k='办事人' testid='errand-person'>
            {e.personName}
            {e.personPhone ? ` ${e.personPhone}` : ''}
          </Line>
          <Line k='地址'>{e.address}</Line>
          <Line k='要办的事'>{e.note}</Line>
          {e.assigneeName && <Line k='经办人'>{e.assigneeName}</Line>}
        </View>
      </View>
      {e.bring.length > 0 && e.status !== 'returned' && e.status !== 'cancelled' && (
        <View className='card' data-testid='errand-bring'>
          <View className='title'>请准备好这些材料</View>
          {e.bring.map((b) => (
            <View key={b} className='er-bring'>
              ✓ {b}
            </View>
          ))}
        </View>
      )}
      <StepPanel errand={e} onChanged={setErrand} onStale={load} />
      <ErrandTimeline items={e.timeline} />
      {e.status === 'cancelled' && (
        <Button className='btn-plain' data-testid='errand-again' onClick={() => void Taro.navigateTo({ url: '/packages/errands/new' })}>
          重新申请
        </Button>
      )}
    </View>
  );
}
