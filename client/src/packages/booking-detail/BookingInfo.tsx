import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import type { BookingDto, CentreDto, Offering } from '@linli/shared';
import { formatDay, formatSlotTime } from '../../utils/booking-time';
import { BookingTitle } from '../../components/BookingCard';
import { dailyCutoffOf, termText } from '../../utils/offering-kind';

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

/**
 * What (tagged 学期报名 / 活动报名 / 订餐 when it is an enrolment or a meal order), when (the weekday in
 * words; a term its whole span and first class; a meal its cut-off), its status, and who booked it for whom.
 */
export function BookingHead({ booking: b, offering }: { booking: BookingDto; offering?: Offering | null }) {
  const kind = offering?.kind ?? 'appointment';
  return (
    <View className='card'>
      <BookingTitle booking={b} kind={kind} />
      <View className='bd-when' data-testid='booking-when'>
        {kind === 'term' && offering?.term ? termText(offering.term) : formatSlotTime(b)}
      </View>
      {kind === 'term' && <View className='muted'>{formatDay(b.date)} {b.start} 开课</View>}
      {kind === 'daily' && offering?.daily && b.status === 'booked' && (
        <View className='muted' data-testid='booking-cutoff'>
          {dailyCutoffOf(offering.daily, b.date)} 前可以取消
        </View>
      )}
      {b.bookedByNote && (
        <View className='banner' style={{ marginTop: '16px', marginBottom: 0 }} data-testid='booked-by'>
          {b.bookedByNote}
        </View>
      )}
    </View>
  );
}

/** What to bring (so nobody comes twice), where, the centre's address and phone, and for whom. */
export function BookingInfo({ booking: b, centre, verb = '预约' }: { booking: BookingDto; centre: CentreDto | null; verb?: string }) {
  const phone = centre?.phone ?? '';
  return (
    <View className='card bd-info' data-testid='booking-info'>
      {b.status === 'booked' && b.bring.length > 0 && (
        <View style={{ marginBottom: '12px' }} data-testid='booking-bring'>
          <View className='title'>请带齐</View>
          {b.bring.map((x) => (
            <View key={x} className='bd-bring'>
              ✓ {x}
            </View>
          ))}
        </View>
      )}
      <Line k='地点'>
        {b.centreName}
        {b.where ? ` ${b.where}` : ''}
      </Line>
      <Line k='地址'>{b.centreAddress}</Line>
      {phone && <Line k='电话'>{phone}</Line>}
      <Line k={`${verb}人`}>
        {b.personName}
        {b.personPhone ? ` ${b.personPhone}` : ''}
      </Line>
      {b.note && <Line k='备注'>{b.note}</Line>}
      {phone && (
        <Button className='btn-plain' data-testid='call-centre' onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
          打电话给服务中心
        </Button>
      )}
    </View>
  );
}
