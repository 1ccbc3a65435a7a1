import { Text, View } from '@tarojs/components';
import type { BookingDto, Offering } from '@linli/shared';
import { formatSlotTime } from '../utils/booking-time';
import { KIND_TAG, statusWords, termText } from '../utils/offering-kind';

const TAG: Record<BookingDto['status'], string> = { booked: 'tag-open', checked_in: 'tag-open', cancelled: 'tag-closed', no_show: 'tag-warn' };

/** A booking's name, its status in words and its kind's tag: the head of its card and of its page. */
export function BookingTitle({ booking: b, kind }: { booking: BookingDto; kind: Offering['kind'] }) {
  const tag = KIND_TAG[kind];
  return (
    <>
      <View className='row between'>
        <Text className='title'>{b.offeringName}</Text>
        <Text className={`tag ${TAG[b.status]}`} data-testid='booking-status'>
          {statusWords(b, kind)}
        </Text>
      </View>
      {tag && (
        <Text className='tag tag-amenity' data-testid='booking-kind'>
          {tag}
        </Text>
      )}
    </>
  );
}

/**
 * One of my bookings in a list: what (an enrolment or a meal order tagged 学期报名 / 活动报名 / 订餐),
 * when (with the weekday; a term its whole span), where, and its status in words. `offering` is the
 * booking's offering when the centre is at hand.
 */
export function BookingCard({ booking: b, offering, onOpen }: { booking: BookingDto; offering?: Offering | null; onOpen: (id: string) => void }) {
  const kind = offering?.kind ?? 'appointment';
  return (
    <View className='card' data-testid='booking-card' data-kind={kind} onClick={() => onOpen(b.id)}>
      <BookingTitle booking={b} kind={kind} />
      <View className='place-line' data-testid='booking-time'>
        {kind === 'term' && offering?.term ? termText(offering.term) : formatSlotTime(b)}
      </View>
      <View className='muted' style={{ marginTop: '8px' }}>
        {b.centreName}
        {b.where ? ` · ${b.where}` : ''}
      </View>
      {b.bookedByNote && <View className='muted'>{b.bookedByNote}</View>}
    </View>
  );
}
