import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WaitEntryDto } from '@linli/shared';
import { ErrorState } from '../../components/StateView';
import { acceptWaitOffer, fetchMyWaits, leaveWaitlist } from '../../services/booking';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, isApiError } from '../../services/request';
import { formatDay, holdUntilText } from '../../utils/booking-time';
import './waits.css';

const lineOf = (e: WaitEntryDto) => ({ offeringId: e.offeringId, date: e.date, start: e.start });
const idOf = (e: WaitEntryDto) => `${e.centreId}|${e.offeringId}|${e.date}|${e.start}`;

/** One place in a line: where I stand, or the place held for me with until when, 确认预约 and 放弃. */
function WaitCard({ entry: e, busy, onAccept, onLeave }: { entry: WaitEntryDto; busy: boolean; onAccept: () => void; onLeave: () => void }) {
  const offered = e.status === 'offered';
  return (
    <View className={`card ${offered ? 'wait-offered' : ''}`} data-testid='wait-card' data-status={e.status}>
      <View className='row between'>
        <Text className='title'>{e.offeringName}</Text>
        <Text className={`tag ${offered ? 'tag-open' : 'tag-warn'}`}>{offered ? '有空位' : '候补中'}</Text>
      </View>
      <View className='place-line'>
        {formatDay(e.date)} {e.start} 起
      </View>
      <View className='muted' style={{ marginTop: '8px' }}>
        {e.centreName}
      </View>
      {offered ? (
        <View className='wait-note' data-testid='wait-offer'>
          有空位，请在 {e.holdUntil ? holdUntilText(e.holdUntil) : '保留时间'} 前确认
        </View>
      ) : (
        <View className='wait-note' data-testid='wait-position'>
          排在第 {e.position ?? '?'} 位
        </View>
      )}
      {offered && (
        <Button className='btn' data-testid='wait-accept' loading={busy} disabled={busy || undefined} onClick={onAccept}>
          确认预约
        </Button>
      )}
      <Button className='btn-plain' data-testid='wait-leave' disabled={busy || undefined} onClick={onLeave}>
        {offered ? '放弃' : '退出候补'}
      </Button>
    </View>
  );
}

/**
 * 我的候补 on the booking tab (nothing when I wait for nothing): each line I am in, and a place held
 * for me to confirm in time. Read again whenever `version` changes (the tab shown again).
 */
export function MyWaits({ version }: { version: number }) {
  const [items, setItems] = useState<WaitEntryDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // One key per offer accepted: a retried 确认预约 books once.
  const keys = useRef(new Map<string, string>());

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchMyWaits()).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, version]);

  const accept = async (e: WaitEntryDto) => {
    const id = idOf(e);
    const key = keys.current.get(id) ?? newIdempotencyKey();
    keys.current.set(id, key);
    setBusy(id);
    try {
      const { booking } = await acceptWaitOffer(e.centreId, lineOf(e), key);
      await Taro.showToast({ title: '预约成功', icon: 'success' });
      void Taro.navigateTo({ url: `/packages/booking-detail/index?id=${booking.id}` });
    } catch (err) {
      void Taro.showModal({ title: '没能预约', content: isApiError(err) && err.code === 'offer_gone' ? '保留时间已过，名额已让给下一位。' : errorMessage(err), showCancel: false, confirmText: '知道了' });
      void load();
    } finally {
      setBusy(null);
    }
  };
  const leave = async (e: WaitEntryDto) => {
    const offered = e.status === 'offered';
    const { confirm } = await Taro.showModal({
      title: offered ? '放弃这个名额' : '退出候补',
      content: offered ? '放弃后，为您保留的名额会让给下一位候补的居民，不能撤销。' : '退出后不再为您排队，以后有空位也不会通知您。',
      confirmText: offered ? '确定放弃' : '确定退出',
      cancelText: '再想想',
      confirmColor: '#a12a21',
    });
    if (!confirm) return;
    setBusy(idOf(e));
    try {
      await leaveWaitlist(e.centreId, lineOf(e));
      void Taro.showToast({ title: offered ? '已放弃' : '已退出候补', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(null);
      void load();
    }
  };

  if (error) return <ErrorState message={`我的候补：${error}`} onRetry={() => void load()} />;
  if (!items || items.length === 0) return null;
  return (
    <View data-testid='my-waits' style={{ marginBottom: '32px' }}>
      <View className='h1'>我的候补</View>
      {items.map((e) => (
        <WaitCard key={idOf(e)} entry={e} busy={busy === idOf(e)} onAccept={() => void accept(e)} onLeave={() => void leave(e)} />
      ))}
    </View>
  );
}
