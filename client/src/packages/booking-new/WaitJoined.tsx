import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { WaitEntryDto } from '@linli/shared';
import { formatDay } from '../../utils/booking-time';

/** After joining a line (候补): where I stand, what happens next, and where to find it again. */
export function WaitJoined({ entry: e, holdMinutes, onAnother }: { entry: WaitEntryDto; holdMinutes: number; onAnother: () => void }) {
  return (
    <View>
      <View className='card' data-testid='wait-joined'>
        <View className='title'>已排队候补</View>
        <View className='place-line'>
          {e.offeringName} · {formatDay(e.date)} {e.start}
        </View>
        <View className='bk-wait-pos' data-testid='wait-position'>
          {e.position ? `您排在第 ${e.position} 位` : '有空位，请尽快确认'}
        </View>
        <View className='banner' style={{ marginBottom: 0 }}>
          有人取消时，名额会按排队顺序为您保留 {holdMinutes} 分钟。请在保留时间内到“延时服务”页的“我的候补”确认预约（允许了消息提醒的，会收到通知）；过时未确认，名额让给下一位。
        </View>
      </View>
      <Button className='btn' data-testid='wait-go-list' onClick={() => void Taro.switchTab({ url: '/pages/booking/index' })}>
        查看我的候补
      </Button>
      <Button className='btn-plain' data-testid='wait-another' onClick={onAnother}>
        选其他时段
      </Button>
    </View>
  );
}
