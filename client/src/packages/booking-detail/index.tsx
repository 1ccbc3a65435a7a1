import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { BookingDto, CentreDto, Role } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { cancelBooking, fetchBooking, fetchCentre } from '../../services/booking';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { spacedBookingCode } from '../../utils/booking-time';
import { dailyCutoffOf, KIND_VERB } from '../../utils/offering-kind';
import { BookingHead, BookingInfo } from './BookingInfo';
import { CodeCard } from './CodeCard';
import { History } from './History';
import './index.css';
import { pageClass } from '../../services/care';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';

/** Who may act for the centre: on someone else's booking they cancel or move it for him (he is told). */
const DESK_ROLES: readonly Role[] = ['service_staff', 'community_admin', 'street_admin'];

/** A query value, decoded once (H5 hands it over still encoded, the mini-program as it was put). */
function readParam(v: string | undefined): string {
  try {
    return decodeURIComponent(v ?? '');
  } catch {
    return v ?? '';
  }
}

/** What cancelling does, said before it is done: it frees the place and cannot be undone. */
const cancelWarning = (verb: string, staff: string | null) =>
  staff
    ? `取消 ${staff} 的${verb}后，名额会让给其他居民，${staff} 会收到通知（没有授权消息提醒的，会列在预约台“提醒未送达”里，请打电话告诉他）。取消不能撤销。`
    : `取消后，名额会让给其他居民，取消不能撤销。如果还要办，需要重新${verb}。`;

/**
 * 预约详情: the confirmation to show at the desk (the code large and spaced, its QR code), what to
 * bring, where, the centre's phone, status and history; 改约 and 取消 while still allowed (never
 * 改约 for a term or an activity). Centre staff opening someone's booking (from the desk's 待处理
 * list, `&why=` its reason) may move or cancel it for him, whatever the cut-offs.
 */
export default function BookingDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const why = readParam(params.why);
  const [me] = useState(() => getSession()?.user);
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
  usePullToRefresh(load);
  const offering = centre?.offerings.find((o) => o.id === booking?.offeringId) ?? null;
  const kind = offering?.kind ?? 'appointment';
  const verb = KIND_VERB[kind];
  /** Centre staff on someone else's booking. */
  const staff = Boolean(booking && me && me.id !== booking.userId && me.roles.some((r) => DESK_ROLES.includes(r)));

  const cancel = async () => {
    if (!booking) return;
    const { confirm } = await Taro.showModal({ title: `取消${verb}`, content: cancelWarning(verb, staff ? booking.personName : null), confirmText: '确定取消', cancelText: '不取消', confirmColor: '#a12a21' });
    if (!confirm) return;
    setBusy(true);
    setActionError(null);
    try {
      setBooking((await cancelBooking(booking.id, { version: booking.version, reason: staff ? why : '' })).booking);
      void Taro.showToast({ title: '已取消', icon: 'success' });
    } catch (e) {
      setActionError(errorMessage(e));
      void load();
    } finally {
      setBusy(false);
    }
  };
  const reschedule = () => void Taro.navigateTo({ url: `/packages/booking-new/index?bookingId=${id}` });

  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!booking) return <View className={pageClass('page-lg')}><Loading /></View>;

  const b = booking;
  const cutoff = centre ? Math.min(centre.policy.cancelCutoffMinutes, centre.policy.rescheduleCutoffMinutes) : null;
  const daily = offering?.kind === 'daily' ? offering.daily : null;
  const locked = daily ? `订餐截止（${dailyCutoffOf(daily, b.date)}）后不能在线取消。` : cutoff !== null ? `开始前 ${cutoff} 分钟内不能在线${kind === 'appointment' || kind === 'daily' ? '改约或' : ''}取消。` : '现在不能在线改约或取消。';
  const hint = staff
    ? `您在为 ${b.personName} 处理：${b.canReschedule ? '改约或取消' : '取消'}后，居民会收到通知。`
    : kind === 'term' || kind === 'session'
      ? '不能来了，请提前取消报名，把名额让给其他居民。报名不能改约。'
      : `来不了或想换${kind === 'daily' ? '日期' : '时间'}，请提前改约或取消，把名额让给其他居民。`;
  return (
    <View className={pageClass('page-lg')} data-testid='booking-detail'>
      {staff && why && b.status === 'booked' && (
        <View className='banner' data-testid='booking-why'>
          待处理：{why}。请为居民改约或取消。
        </View>
      )}
      <BookingHead booking={b} offering={offering} />
      {staff ? (
        <View className='card' data-testid='booking-staff-code'>
          预约码 {spacedBookingCode(b.code)} · 预约人 {b.personName}
        </View>
      ) : (
        <CodeCard booking={b} />
      )}
      <BookingInfo booking={b} centre={centre} verb={verb} />
      {actionError && <ErrorState message={actionError} />}
      {b.status === 'booked' && (b.canReschedule || b.canCancel) && (
        <View className='card' data-testid='booking-actions'>
          <View className='muted'>{hint}</View>
          {b.canReschedule && (
            <Button className='btn' data-testid='booking-reschedule' disabled={busy || undefined} onClick={reschedule}>
              {kind === 'daily' ? '改到其他日期' : '改约'}
            </Button>
          )}
          {b.canCancel && (
            <Button className='btn-danger' data-testid='booking-cancel' loading={busy} disabled={busy || undefined} onClick={() => void cancel()}>
              取消{verb}
            </Button>
          )}
        </View>
      )}
      {b.status === 'booked' && !b.canCancel && !b.canReschedule && (
        <View className='banner' data-testid='booking-locked'>
          {locked}
          如有变动，请打电话给服务中心。
        </View>
      )}
      {b.status === 'cancelled' && !staff && (
        <Button className='btn-plain' data-testid='booking-again' onClick={() => void Taro.navigateTo({ url: `/packages/booking-new/index?centreId=${b.centreId}` })}>
          重新{verb}
        </Button>
      )}
      <History items={b.history} />
    </View>
  );
}
