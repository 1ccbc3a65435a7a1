import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { BookingDto, CentreDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { cancelBooking, fetchBooking, fetchCentre } from '../../services/booking';
import { errorMessage } from '../../services/request';
import { BookingHead, BookingInfo } from './BookingInfo';
import { CodeCard } from './CodeCard';
import { History } from './History';
import './index.css';

/** What cancelling does, said before it is done: it frees the place and cannot be undone. */
const CANCEL_WARNING = '取消后，这个时段的名额会让给其他居民，取消不能撤销。如果还要办，需要重新预约。';

/**
 * 预约详情: the confirmation to show at the desk (the code large and spaced, its QR code), what to
 * bring, where, the centre's phone, status and history; 改约 and 取消预约 while still allowed.
 */
export default function BookingDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [booking, setBooking] = useState<BookingDto | null>(null);
  const [centre, setCentre] = useState<CentreDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const { booking: b } = await fetchBooking(id);
      setBooking(b);
      // The phone number and the cut-offs live on the centre; the page works without them.
      fetchCentre(b.centreId)
        .then((r) => setCentre(r.centre))
        .catch(() => undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  // Also on coming back from 改约: read it again.
  useDidShow(() => void load());

  const cancel = async () => {
    if (!booking) return;
    const { confirm } = await Taro.showModal({ title: '取消预约', content: CANCEL_WARNING, confirmText: '确定取消', cancelText: '不取消', confirmColor: '#a12a21' });
    if (!confirm) return;
    setBusy(true);
    setActionError(null);
    try {
      setBooking((await cancelBooking(booking.id, { version: booking.version })).booking);
      void Taro.showToast({ title: '已取消', icon: 'success' });
    } catch (e) {
      setActionError(errorMessage(e));
      void load();
    } finally {
      setBusy(false);
    }
  };
  const reschedule = () => void Taro.navigateTo({ url: `/packages/booking-new/index?bookingId=${id}` });

  if (error) return <View className='page page-lg'><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!booking) return <View className='page page-lg'><Loading /></View>;

  const b = booking;
  const cutoff = centre ? Math.min(centre.policy.cancelCutoffMinutes, centre.policy.rescheduleCutoffMinutes) : null;
  return (
    <View className='page page-lg' data-testid='booking-detail'>
      <BookingHead booking={b} />
      <CodeCard booking={b} />
      <BookingInfo booking={b} centre={centre} />
      {actionError && <ErrorState message={actionError} />}
      {b.status === 'booked' && (b.canReschedule || b.canCancel) && (
        <View className='card' data-testid='booking-actions'>
          <View className='muted'>来不了或想换时间，请提前改约或取消，把名额让给其他居民。</View>
          {b.canReschedule && (
            <Button className='btn' data-testid='booking-reschedule' disabled={busy || undefined} onClick={reschedule}>
              改约
            </Button>
          )}
          {b.canCancel && (
            <Button className='btn-danger' data-testid='booking-cancel' loading={busy} disabled={busy || undefined} onClick={() => void cancel()}>
              取消预约
            </Button>
          )}
        </View>
      )}
      {b.status === 'booked' && !b.canCancel && !b.canReschedule && (
        <View className='banner' data-testid='booking-locked'>
          {cutoff !== null ? `开始前 ${cutoff} 分钟内不能在线改约或取消。` : '现在不能在线改约或取消。'}
          如有变动，请打电话给服务中心。
        </View>
      )}
      {b.status === 'cancelled' && (
        <Button className='btn-plain' data-testid='booking-again' onClick={() => void Taro.navigateTo({ url: `/packages/booking-new/index?centreId=${b.centreId}` })}>
          重新预约
        </Button>
      )}
      <History items={b.history} />
    </View>
  );
}
