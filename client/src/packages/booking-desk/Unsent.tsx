import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CentreDayResponse } from '@linli/shared';

/** 提醒未送达: people the reminders did not reach (no consent, refused) — to be phoned, with 拨打电话. */
export function Unsent({ items }: { items: CentreDayResponse['unsent'] }) {
  if (items.length === 0) return null;
  return (
    <View className='card banner' data-testid='unsent'>
      <View className='title'>提醒未送达（{items.length}）</View>
      <View style={{ marginTop: '8px' }}>这些居民没有收到消息提醒，请打电话告诉他们。</View>
      {items.map((u, i) => (
        <View key={`${u.bookingId ?? ''}-${u.at}-${i}`} className='dk-unsent' data-testid='unsent-item'>
          <View className='dk-name'>
            {u.name} · {u.start}
          </View>
          <View>
            {u.what}：{u.reason}
          </View>
          {u.phone ? (
            <Button className='btn-plain' data-testid='unsent-call' onClick={() => void Taro.makePhoneCall({ phoneNumber: u.phone! }).catch(() => undefined)}>
              拨打电话 {u.phone}
            </Button>
          ) : (
            <View className='dk-muted'>没有登记电话</View>
          )}
        </View>
      ))}
    </View>
  );
}
