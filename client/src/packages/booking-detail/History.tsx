import { View } from '@tarojs/components';
import type { BookingDto } from '@linli/shared';
import { formatTime } from '../../utils/format';

/** 2026-12-07 in the server's words (改约：2026-12-07 19:30 → …) read as 12月7日. */
const readable = (what: string): string => what.replace(/\b\d{4}-(\d{2})-(\d{2})\b/g, (_, m: string, d: string) => `${Number(m)}月${Number(d)}日`);

/** Every step of the booking (预约成功, 改约, 取消), oldest first, as the server words it. */
export function History({ items }: { items: BookingDto['history'] }) {
  if (items.length === 0) return null;
  return (
    <View className='card' data-testid='booking-history'>
      <View className='title'>办理记录</View>
      {items.map((h, i) => (
        <View key={`${h.at}-${i}`} className='bd-event' data-testid='booking-event'>
          <View className='muted'>{formatTime(h.at)}</View>
          <View>{readable(h.what)}</View>
        </View>
      ))}
    </View>
  );
}
