import { View } from '@tarojs/components';
import type { BookingDto } from '@linli/shared';
import { QrCode } from '../../components/QrCode';
import { spacedBookingCode } from '../../utils/booking-time';

/** The six digits, large and spaced (482 913), and the QR code the desk scans. Only while the place is held. */
export function CodeCard({ booking: b }: { booking: BookingDto }) {
  if (b.status !== 'booked') {
    return (
      <View className='card bd-void' data-testid='booking-code-void'>
        {b.status === 'cancelled' ? '这个预约已取消，预约码已失效' : b.status === 'checked_in' ? '您已到场签到' : '这个预约已过时段'}
      </View>
    );
  }
  return (
    <View className='card' data-testid='booking-code-card'>
      <View className='muted center'>预约码</View>
      <View className='code-big' data-testid='booking-code'>
        {spacedBookingCode(b.code)}
      </View>
      <QrCode text={b.qrText} testid='booking-qr' />
      <View className='bd-code-hint'>到服务中心后，请出示这个二维码，或报出上面的 6 位预约码</View>
    </View>
  );
}
