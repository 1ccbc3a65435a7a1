import { Picker, View } from '@tarojs/components';
import type { CentreDayResponse } from '@linli/shared';
import { chinaToday, monthDay, shiftDay, weekdayOf } from '../../utils/booking-time';

const NEAR: { label: string; days: number }[] = [
  { label: '昨天', days: -1 },
  { label: '今天', days: 0 },
  { label: '明天', days: 1 },
];

/** 昨天 / 今天 / 明天 and any other day from the picker; the chosen day said in full. */
export function DaySwitch({ date, label, onDate }: { date: string; label: string | null; onDate: (d: string) => void }) {
  const today = chinaToday();
  const near = NEAR.map((n) => ({ ...n, date: shiftDay(today, n.days) }));
  const other = !near.some((n) => n.date === date);
  return (
    <View className='card' data-testid='day-switch'>
      <View className='row wrap'>
        {near.map((n) => (
          <View key={n.label} className={`chip ${n.date === date ? 'chip-on' : ''}`} data-testid={`desk-day-${n.days}`} onClick={() => onDate(n.date)}>
            {n.label}
          </View>
        ))}
        <Picker mode='date' value={date} onChange={(e) => onDate(String(e.detail.value))}>
          <View className={`chip ${other ? 'chip-on' : ''}`} data-testid='desk-day-pick'>
            {other ? monthDay(date) : '选日期'}
          </View>
        </Picker>
      </View>
      <View className='dk-date' data-testid='desk-date'>
        {monthDay(date)} {weekdayOf(date)}
        {label ? ` · ${label}` : ''}
      </View>
    </View>
  );
}

const COUNTS: { key: keyof CentreDayResponse['summary']; label: string }[] = [
  { key: 'booked', label: '待签到' },
  { key: 'checkedIn', label: '已到场' },
  { key: 'noShow', label: '未到场' },
  { key: 'cancelled', label: '已取消' },
  { key: 'walkIns', label: '现场办理' },
];

/** The day's counts as large figures. */
export function Summary({ summary }: { summary: CentreDayResponse['summary'] }) {
  return (
    <View className='card dk-summary' data-testid='desk-summary'>
      {COUNTS.map((c) => (
        <View key={c.key} className='dk-count' data-testid={`count-${c.key}`}>
          <View className='dk-count-n'>{summary[c.key]}</View>
          <View className='dk-count-l'>{c.label}</View>
        </View>
      ))}
    </View>
  );
}
