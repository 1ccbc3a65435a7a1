import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BookingDto } from '@linli/shared';
import { formatSlotTime } from '../../utils/booking-time';
import { describe, type Draft, type Errors, type Section, sectionOf } from './draft';

/** Roster problems (weekend and holiday shifts under a third of the staff), or that there are none. */
export function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) {
    return (
      <View className='card cs-ok' data-testid='centre-warnings-none'>
        ✓ 排班符合要求：周末和节假日在岗人数不少于工作人员的三分之一
      </View>
    );
  }
  return (
    <View className='card cs-warn' data-testid='centre-warnings' role='alert'>
      <View className='title'>⚠ 排班提醒（{warnings.length} 条）</View>
      <View className='cs-warn-sub'>周末和节假日在岗人数应不少于工作人员的三分之一，请在“开放时间”里增加这些时段的在岗窗口：</View>
      {warnings.map((w) => (
        <View key={w} className='cs-warn-item' data-testid='centre-warning'>
          {w}
        </View>
      ))}
    </View>
  );
}

/** Every problem in words with where it is; a tap opens its section (the field shows it too). */
export function ErrorSummary({ errors, draft, onGo }: { errors: Errors; draft: Draft; onGo: (s: Section) => void }) {
  const paths = Object.keys(errors);
  if (paths.length === 0) return null;
  return (
    <View className='error' data-testid='settings-errors'>
      <View className='title'>有 {paths.length} 处需要修改，改好后再保存：</View>
      {paths.map((p) => (
        <View key={p} className='cs-error-line' data-testid='settings-error' onClick={() => onGo(sectionOf(p))}>
          {describe(p, draft)}：{errors[p]} ›
        </View>
      ))}
    </View>
  );
}

type Displaced = BookingDto & { reason: string };

/** Bookings that no longer fit after a change: staff move or cancel each on its detail page (the resident is told). */
export function DisplacedList({ items }: { items: Displaced[] }) {
  if (items.length === 0) {
    return (
      <View className='card cs-ok' data-testid='displaced-none'>
        ✓ 现有预约都符合新的设置，不需要处理
      </View>
    );
  }
  return (
    <View className='card cs-warn' data-testid='displaced'>
      <View className='title'>有 {items.length} 个预约需要处理</View>
      <View className='cs-warn-sub'>设置改动后，这些预约不再符合。请逐个改约或取消（改约、取消后居民会收到通知，没有订阅通知的请打电话告知）。</View>
      {items.map((b) => (
        <View key={b.id} className='cs-displaced' data-testid='displaced-item'>
          <View className='cs-displaced-name'>
            {b.personName}
            {b.personPhone ? ` ${b.personPhone}` : ''}
          </View>
          <View>{formatSlotTime(b)}</View>
          <View>{b.offeringName}</View>
          <View className='cs-reason' data-testid='displaced-reason'>
            原因：{b.reason}
          </View>
          <Button className='btn' data-testid='displaced-open' onClick={() => void Taro.navigateTo({ url: `/packages/booking-detail/index?id=${b.id}` })}>
            去改约或取消
          </Button>
        </View>
      ))}
    </View>
  );
}
