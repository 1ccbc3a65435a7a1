import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { monthDay, relativeDay, weekdayOf } from '../../utils/booking-time';
import type { Slot, SlotDay } from './useSlots';

/** Why a slot cannot be taken, in words (no state codes on screen). */
const SLOT_NOTE: Record<Slot['state'], (s: Slot) => string> = {
  open: (s) => `余 ${s.left} 个`,
  full: () => '已约满',
  started: () => '已截止',
  closed: () => '已截止',
};

const freeIn = (d: SlotDay) => d.slots.filter((s) => s.state === 'open').length;

function DayChip({ day, on, onTap }: { day: SlotDay; on: boolean; onTap: () => void }) {
  const free = freeIn(day);
  const note = day.slots.length === 0 ? '不开放' : free === 0 ? '已约满' : `${free} 个时段`;
  return (
    <View id={`d${day.date}`} className={`bk-day ${on ? 'bk-day-on' : free === 0 ? 'bk-day-off' : ''}`} data-testid={`day-${day.date}`} data-label={day.dayLabel} onClick={onTap}>
      <View className='bk-day-top'>{relativeDay(day.date) || weekdayOf(day.date)}</View>
      <View className='bk-day-sub'>{monthDay(day.date)}</View>
      <View className='bk-day-sub'>{day.dayLabel}</View>
      <View className='bk-day-sub'>{note}</View>
    </View>
  );
}

/** A full slot that takes a waitlist (候补) says so. */
const slotNote = (s: Slot, canWait: boolean) => (s.state === 'full' && canWait ? '已约满 可候补' : SLOT_NOTE[s.state](s));

/**
 * The day strip (today and the days ahead, with 工作日 / 周末 / 法定节假日) and the chosen day's slots
 * as big buttons: start–end and places left; full or past the cut-off greyed with 已约满 / 已截止.
 * With `onFull`, a full slot says 可候补 and a tap offers its waitlist.
 */
export function SlotPicker(p: {
  days: SlotDay[];
  day: SlotDay | null;
  onDay: (date: string) => void;
  chosen: string | null;
  onSlot: (s: Slot) => void;
  current?: string;
  onFull?: (s: Slot) => void;
}) {
  // Brings the day chosen at first into view once (a later tap must not make the strip jump).
  const [first] = useState(() => p.day?.date);
  const tapSlot = (s: Slot) => {
    if (s.state === 'open' && s.start !== p.current) p.onSlot(s);
    else if (s.state === 'full' && s.start !== p.current && p.onFull) p.onFull(s);
    else void Taro.showToast({ title: s.start === p.current ? '这是您现在约的时段' : s.state === 'full' ? '这个时段已约满，请选其他时段' : '这个时段已截止预约', icon: 'none' });
  };
  return (
    <View>
      <ScrollView scrollX className='bk-days' data-testid='day-strip' scrollIntoView={first ? `d${first}` : undefined}>
        {p.days.map((d) => (
          <DayChip key={d.date} day={d} on={d.date === p.day?.date} onTap={() => p.onDay(d.date)} />
        ))}
      </ScrollView>
      <View className='muted'>左右滑动可看更多日期</View>
      {p.day && p.day.slots.length === 0 && <View className='empty'>这一天不开放，请选其他日期</View>}
      <View className='bk-slots' data-testid='slot-list'>
        {p.day?.slots.map((s) => {
          const mine = s.start === p.current;
          const off = s.state !== 'open' || mine;
          return (
            <View
              key={s.start}
              className={`bk-slot ${p.chosen === s.start ? 'bk-slot-on' : off ? 'bk-slot-off' : ''} ${s.state === 'full' && p.onFull && !mine ? 'bk-slot-wait' : ''}`}
              data-testid={`slot-${s.start}`}
              data-state={s.state}
              onClick={() => tapSlot(s)}
            >
              <Text className='bk-slot-time'>
                {s.start}–{s.end}
              </Text>
              <Text className='bk-slot-left'>{mine ? '现在的时段' : slotNote(s, Boolean(p.onFull))}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
