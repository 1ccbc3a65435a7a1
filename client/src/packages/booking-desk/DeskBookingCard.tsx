import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { BookingDto, BookingPolicy } from '@linli/shared';
import { checkIn, liftBookingPause, markNoShow } from '../../services/booking-desk';
import { errorMessage } from '../../services/request';
import { spacedBookingCode } from '../../utils/booking-time';

const TAG: Record<BookingDto['status'], string> = { booked: 'tag-warn', checked_in: 'tag-open', cancelled: 'tag-closed', no_show: 'tag-broken' };

/**
 * One booking on the day sheet: who (name, masked phone, who booked for him), what, the code, and
 * what the desk may do: 签到 by its code; 记为未到场 once the slot started (confirmed: it may pause
 * his online booking); 解除预约暂停 on a no-show (confirmed).
 */
export function DeskBookingCard(p: { booking: BookingDto; noShow: BookingPolicy['noShow']; today: boolean; onChanged: (b: BookingDto) => void; onStale: () => void }) {
  const b = p.booking;
  const [busy, setBusy] = useState(false);
  const started = Date.parse(b.startsAt) <= Date.now();

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      void Taro.showModal({ title: '没有成功', content: errorMessage(e), showCancel: false, confirmText: '知道了' });
      p.onStale();
    } finally {
      setBusy(false);
    }
  };
  const arrive = () =>
    act(async () => {
      p.onChanged((await checkIn(b.centreId, b.code)).booking);
      void Taro.showToast({ title: '已签到', icon: 'success' });
    });
  const noShow = async () => {
    const r = p.noShow;
    const { confirm } = await Taro.showModal({
      title: '记为未到场',
      content: `${b.personName} ${b.start} ${b.offeringName}。${r.days} 天内未到场满 ${r.count} 次，将暂停这位居民在线预约 ${r.pauseDays} 天。请确认居民确实没有来。`,
      confirmText: '确认未到',
      cancelText: '再等等',
      confirmColor: '#a12a21',
    });
    if (!confirm) return;
    await act(async () => {
      p.onChanged((await markNoShow(b.id, b.version)).booking);
      void Taro.showToast({ title: '已记为未到场', icon: 'none' });
    });
  };
  const lift = async () => {
    const { confirm } = await Taro.showModal({
      title: '解除预约暂停',
      content: `如果 ${b.personName} 因未到场被暂停在线预约，解除后可以立即重新预约。请在核实情况（如居民已说明原因）后解除。`,
      confirmText: '解除暂停',
      cancelText: '不解除',
    });
    if (!confirm) return;
    await act(async () => {
      await liftBookingPause(b.userId);
      void Taro.showToast({ title: '已解除暂停', icon: 'success' });
    });
  };

  return (
    <View className='dk-booking' data-testid='desk-booking' data-status={b.status}>
      <View className='row between'>
        <Text className='dk-name'>{b.personName}</Text>
        <Text className={`tag ${TAG[b.status]}`} data-testid='desk-booking-status'>
          {b.statusLabel}
        </Text>
      </View>
      <View className='dk-line'>
        {b.offeringName}
        {b.personPhone ? ` · ${b.personPhone}` : ''}
      </View>
      <View className='dk-line'>预约码 {spacedBookingCode(b.code)}</View>
      {b.bookedByNote && <View className='dk-line dk-muted'>{b.bookedByNote}</View>}
      {b.note && <View className='dk-line dk-muted'>备注：{b.note}</View>}
      {b.status === 'booked' && (
        <View className='dk-actions'>
          {p.today && (
            <Button className='btn dk-act' data-testid='desk-check-in' disabled={busy || undefined} onClick={() => void arrive()}>
              签到
            </Button>
          )}
          {started && (
            <Button className='btn-danger dk-act' data-testid='desk-no-show' disabled={busy || undefined} onClick={() => void noShow()}>
              记为未到场
            </Button>
          )}
        </View>
      )}
      {b.status === 'no_show' && (
        <View className='dk-actions'>
          <Button className='btn-plain dk-act' data-testid='desk-lift-pause' disabled={busy || undefined} onClick={() => void lift()}>
            解除预约暂停
          </Button>
        </View>
      )}
    </View>
  );
}
