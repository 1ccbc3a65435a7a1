import { View } from '@tarojs/components';
import { useState } from 'react';
import type { BookingDto, BookingPolicy, CentreDayResponse } from '@linli/shared';
import { DeskBookingCard } from './DeskBookingCard';

type SlotRow = CentreDayResponse['slots'][number];

/** Slots of the day by start time, each with its pools (综合窗口, rooms) in the server's order. */
function byTime(slots: SlotRow[]): { start: string; end: string; pools: SlotRow[] }[] {
  const groups = new Map<string, { start: string; end: string; pools: SlotRow[] }>();
  for (const s of slots) {
    const g = groups.get(s.start) ?? { start: s.start, end: s.end, pools: [] };
    g.pools.push(s);
    groups.set(s.start, g);
  }
  return [...groups.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * The day sheet: time by time, each pool with places taken of those online, places held for the
 * waitlist (候补保留 N: counted as taken until confirmed or passed on) and its bookings. By default only
 * the times with bookings or holds (a long opening day has dozens of empty slots); 全部时段 shows
 * every slot with its free places.
 */
export function DaySheet(p: {
  day: CentreDayResponse;
  noShow: BookingPolicy['noShow'];
  today: boolean;
  onChanged: (b: BookingDto) => void;
  onStale: () => void;
}) {
  const [all, setAll] = useState(false);
  const groups = byTime(p.day.slots)
    .map((g) => ({ ...g, pools: all ? g.pools : g.pools.filter((s) => s.bookings.length > 0 || s.held > 0) }))
    .filter((g) => g.pools.length > 0);
  return (
    <View className='card' data-testid='day-sheet'>
      <View className='title'>预约名单</View>
      <View className='row wrap' style={{ marginTop: '16px' }}>
        <View className={`chip ${all ? '' : 'chip-on'}`} data-testid='sheet-booked' onClick={() => setAll(false)}>
          有预约的时段
        </View>
        <View className={`chip ${all ? 'chip-on' : ''}`} data-testid='sheet-all' onClick={() => setAll(true)}>
          全部时段
        </View>
      </View>
      {p.day.slots.length === 0 && <View className='empty'>这一天不开放</View>}
      {p.day.slots.length > 0 && groups.length === 0 && <View className='empty'>这一天还没有预约</View>}
      {groups.map((g) => (
        <View key={g.start} className='dk-time' data-testid={`sheet-${g.start}`}>
          <View className='dk-time-head'>
            {g.start}–{g.end}
          </View>
          {g.pools.map((s) => (
            <View key={s.pool} className='dk-pool' data-testid={`pool-${s.pool}`}>
              <View className='row between dk-pool-head'>
                <View>{s.poolLabel}</View>
                <View className={s.taken + s.held >= s.capacity ? 'dk-full' : 'dk-free'} data-testid='pool-count'>
                  已约 {s.taken}/{s.capacity}
                  {s.taken + s.held >= s.capacity ? ' 已满' : ''}
                </View>
              </View>
              {s.held > 0 && (
                <View className='dk-held' data-testid='pool-held'>
                  候补保留 {s.held}（名额为排队的居民保留，等待确认）
                </View>
              )}
              {s.bookings.map((b) => (
                <DeskBookingCard key={b.id} booking={b} noShow={p.noShow} today={p.today} onChanged={p.onChanged} onStale={p.onStale} />
              ))}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
