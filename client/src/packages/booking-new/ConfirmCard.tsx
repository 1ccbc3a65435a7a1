import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { BookingDto, CentreDto, Offering } from '@linli/shared';
import { formatSlotTime } from '../../utils/booking-time';
import type { Slot } from './useSlots';

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

/** The last step: everything about the booking said in words before 确认预约 / 确认改约. */
export function ConfirmCard(p: { centre: CentreDto; offering: Offering; date: string; slot: Slot; person: string; note: string; moving: BookingDto | null; forOther?: boolean }) {
  const when = formatSlotTime({ date: p.date, start: p.slot.start, end: p.slot.end });
  return (
    <View className='card bk-confirm' data-testid='booking-confirm'>
      <View className='title' style={{ marginBottom: '12px' }}>
        {p.moving ? '请核对改约信息' : '请核对预约信息'}
      </View>
      <Line k='办事项目'>
        {p.offering.name}（约 {p.offering.minutes} 分钟）
      </Line>
      {p.moving && (
        <Line k='原来时间'>
          <Text className='bk-old'>{formatSlotTime(p.moving)}</Text>
        </Line>
      )}
      <Line k={p.moving ? '改到' : '时间'} testid='confirm-when'>
        {when}
      </Line>
      <Line k='地点'>
        {p.centre.name}
        {p.offering.where ? ` ${p.offering.where}` : ''}
      </Line>
      <Line k='地址'>{p.centre.address}</Line>
      {p.offering.bring.length > 0 && <Line k='请带'>{p.offering.bring.join('、')}</Line>}
      <Line k='预约人' testid='confirm-person'>
        {p.person}
      </Line>
      {p.forOther && (
        <View className='banner' style={{ marginTop: '12px', marginBottom: 0 }} data-testid='confirm-for-other'>
          您在为 {p.person} 代约。预约成功后，{p.person} 在自己的“延时服务”里也能看到，并注明由您代约；请把时间和预约码告诉对方。
        </View>
      )}
      {p.note && <Line k='备注'>{p.note}</Line>}
      <View className='banner' style={{ marginTop: '16px', marginBottom: 0 }}>
        {p.moving ? '改约成功后，原来的时段会让给其他居民。' : '请按时到达、带齐材料。如果来不了，请提前取消，把名额让给其他居民。'}
      </View>
    </View>
  );
}
