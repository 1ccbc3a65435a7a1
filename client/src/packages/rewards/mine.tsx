import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { REDEMPTION_STATUS_LABELS, type RedemptionDto, type RedemptionStatus } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { fetchMyRedemptions } from '../../services/points';
import { errorMessage } from '../../services/request';
import { spacedBookingCode } from '../../utils/booking-time';
import { formatTime } from '../../utils/format';
import { dayAndClock, openOrBack } from '../../utils/points';
import './rewards.css';
import { pageClass } from '../../services/care';

const TAG: Record<RedemptionStatus, string> = { reserved: 'tag-warn', collected: 'tag-open', cancelled: 'tag-closed', lapsed: 'tag-closed' };

function RedemptionCard({ r, onOpen }: { r: RedemptionDto; onOpen: () => void }) {
  return (
    <View className='card' data-testid='redemption-card' onClick={onOpen}>
      <View className='row between'>
        <Text className='title'>{r.rewardName}</Text>
        <Text className={`tag ${TAG[r.status]}`} data-testid='redemption-status'>
          {REDEMPTION_STATUS_LABELS[r.status]}
        </Text>
      </View>
      <View className='rw-card-line'>{`${r.cost} 分 · ${r.siteName}`}</View>
      {r.status === 'reserved' ? (
        <>
          <View className='rw-card-code'>领取码 {spacedBookingCode(r.code)}</View>
          <View className='rw-card-line'>{`请在 ${dayAndClock(r.collectBy)} 前领取`}</View>
        </>
      ) : (
        <View className='rw-card-line'>{r.status === 'collected' && r.collectedAt ? `${formatTime(r.collectedAt)} 已领取` : `兑换于 ${formatTime(r.createdAt)}`}</View>
      )}
    </View>
  );
}

/** 我的兑换: my redemptions, newest first; those waiting for pickup show their code and until when. Tap → the pickup code and QR. */
export default function MyRedemptionsPage() {
  const [items, setItems] = useState<RedemptionDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchMyRedemptions()).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!items) return <View className={pageClass('page-lg')}><Loading /></View>;
  return (
    <View className={pageClass('page-lg')} data-testid='my-redemptions'>
      {items.length === 0 && <Empty text='还没有兑换过物品' />}
      {items.map((r) => (
        <RedemptionCard key={r.id} r={r} onOpen={() => void Taro.navigateTo({ url: `/packages/redemption-detail/index?id=${r.id}` })} />
      ))}
      <Button className='btn-plain' data-testid='redemptions-go-rewards' onClick={() => openOrBack('/packages/rewards/index')}>
        去兑换物品
      </Button>
    </View>
  );
}
