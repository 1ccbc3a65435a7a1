import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DisplacedResponse } from '@linli/shared';
import type { z } from 'zod';
import { formatSlotTime } from '../../utils/booking-time';

type Item = z.infer<typeof DisplacedResponse>['items'][number];

/**
 * 待处理：设置变更后不再符合的预约 — bookings of the coming days whose slot is gone, closed or over a
 * lowered capacity (the latest booked first), each with why; a tap opens the booking to move or
 * cancel it for the resident (he is told). Shown only when there are some.
 */
export function Displaced({ items }: { items: Item[] | null }) {
  if (!items || items.length === 0) return null;
  const open = (b: Item) => void Taro.navigateTo({ url: `/packages/booking-detail/index?id=${b.id}&why=${encodeURIComponent(b.reason)}` });
  return (
    <View className='card banner' data-testid='displaced'>
      <View className='title'>待处理：设置变更后不再符合的预约（{items.length}）</View>
      <View style={{ marginTop: '8px' }}>开放时间或名额改了，这些预约已不在开放时段内或超出名额。请逐个为居民改约或取消，居民会收到通知。</View>
      {items.map((b) => (
        <View key={b.id} className='dk-unsent dk-displaced' data-testid='displaced-item' onClick={() => open(b)}>
          <View className='row between'>
            <View className='dk-name'>{b.personName}</View>
            <View className='dk-go'>处理 ›</View>
          </View>
          <View>
            {formatSlotTime(b)} · {b.offeringName}
          </View>
          <View className='dk-reason' data-testid='displaced-reason'>
            {b.reason}
          </View>
        </View>
      ))}
    </View>
  );
}
