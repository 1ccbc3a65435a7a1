import { Text, View } from '@tarojs/components';
import type { BookingDto } from '@linli/shared';
import { formatSlotTime } from '../utils/booking-time';

const TAG: Record<BookingDto['status'], string> = { booked: 'tag-open', checked_in: 'tag-open', cancelled: 'tag-closed', no_show: 'tag-warn' };

/** One of my bookings in a list: what, when (with the weekday), where, and its status in words. */
export function BookingCard({ booking: b, onOpen }: { booking: BookingDto; onOpen: (id: string) => void }) {
  return (
    <View className='card' data-testid='booking-card' onClick={() => onOpen(b.id)}>
      <View className='row between'>
        <Text className='title'>{b.offeringName}</Text>
        <Text className={`tag ${TAG[b.status]}`} data-testid='booking-status'>
          {b.statusLabel}
        </Text>
      </View>
      <View className='place-line' data-testid='booking-time'>
        {formatSlotTime(b)}
      </View>
      <View className='muted' style={{ marginTop: '8px' }}>
        {b.centreName}
        {b.where ? ` · ${b.where}` : ''}
      </View>
      {b.bookedByNote && <View className='muted'>{b.bookedByNote}</View>}
    </View>
  );
}
