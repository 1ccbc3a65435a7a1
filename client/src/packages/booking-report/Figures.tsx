import { View } from '@tarojs/components';
import type { BookingReportResponse } from '@linli/shared';
import { monthDay, weekdayOf } from '../../utils/booking-time';

type Report = BookingReportResponse;

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const share = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '0%');

function Figure({ k, n, label }: { k: string; n: string | number; label: string }) {
  return (
    <View className='rp-figure' data-testid={`figure-${k}`}>
      <View className='rp-figure-n'>{n}</View>
      <View className='rp-figure-l'>{label}</View>
    </View>
  );
}

/** The week in one sentence and as large figures: bookings, cancelled, came, did not come, attendance. */
export function Headline({ report: r, week }: { report: Report; week: string }) {
  return (
    <View className='card' data-testid='report-summary'>
      <View className='rp-sentence' data-testid='report-sentence'>
        {week}预约 {r.bookings} 人次、取消 {r.cancelled}、到场 {r.checkedIn}、未到场 {r.noShow}、到场率 {r.attendanceRate === null ? '暂无（还没有到时段的预约）' : percent(r.attendanceRate)}。
      </View>
      <View className='rp-figures'>
        <Figure k='bookings' n={r.bookings} label='预约' />
        <Figure k='cancelled' n={r.cancelled} label='取消' />
        <Figure k='checkedIn' n={r.checkedIn} label='到场' />
        <Figure k='noShow' n={r.noShow} label='未到场' />
        <Figure k='attendance' n={percent(r.attendanceRate)} label='到场率' />
      </View>
    </View>
  );
}

/** When people came (the point of extended hours: those who work), walk-ins, the waitlist and reminders not sent. */
export function Uses({ report: r }: { report: Report }) {
  const { evening, weekend, daytime } = r.byTime;
  const total = evening + weekend + daytime;
  return (
    <View className='card' data-testid='report-uses'>
      <View className='title'>什么时候来办</View>
      <View className='rp-row' data-testid='use-evening'>工作日晚间（17:00 以后）：{evening} 人次，占 {share(evening, total)}</View>
      <View className='rp-row' data-testid='use-weekend'>周末和节假日：{weekend} 人次，占 {share(weekend, total)}</View>
      <View className='rp-row' data-testid='use-daytime'>工作日白天：{daytime} 人次，占 {share(daytime, total)}</View>
      <View className='title' style={{ marginTop: '24px' }}>
        其他
      </View>
      <View className='rp-row' data-testid='report-walkins'>现场办理（没有预约）：{r.walkIns} 人</View>
      <View className='rp-row' data-testid='report-waitlist'>排队候补：{r.waitlistJoins} 人</View>
      <View className={`rp-row ${r.remindersNotSent ? 'rp-warn' : ''}`} data-testid='report-unsent'>
        提醒未送达：{r.remindersNotSent} 条{r.remindersNotSent ? '（没有订阅通知的居民，需要电话提醒）' : ''}
      </View>
    </View>
  );
}

/** The five offerings booked most. */
export function Busiest({ report: r }: { report: Report }) {
  return (
    <View className='card' data-testid='report-busiest'>
      <View className='title'>热门项目</View>
      {r.busiest.length === 0 && <View className='rp-row rp-muted'>这一周没有预约</View>}
      {r.busiest.map((b, i) => (
        <View key={b.offeringId} className='rp-row' data-testid='busiest-item'>
          {i + 1}. {b.name}：{b.bookings} 人次
        </View>
      ))}
    </View>
  );
}

/** Day by day: bookings as a bar, with who came and walk-ins in words. */
export function DayBars({ report: r }: { report: Report }) {
  const max = Math.max(1, ...r.days.map((d) => d.bookings));
  return (
    <View className='card' data-testid='report-days'>
      <View className='title'>每天的预约</View>
      {r.days.map((d) => (
        <View key={d.date} className='rp-day' data-testid='report-day'>
          <View className='rp-day-head'>
            {monthDay(d.date)} {weekdayOf(d.date)}
            {d.dayLabel ? ` · ${d.dayLabel}` : ''}
          </View>
          <View className='rp-bar-track'>
            <View className='rp-bar' style={{ width: d.bookings ? `${Math.max(3, Math.round((d.bookings / max) * 100))}%` : '0' }} />
          </View>
          <View className='rp-day-words'>
            预约 {d.bookings} · 到场 {d.checkedIn} · 现场办理 {d.walkIns}
          </View>
        </View>
      ))}
    </View>
  );
}
