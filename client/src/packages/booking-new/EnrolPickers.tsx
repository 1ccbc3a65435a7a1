import { Button, ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Offering } from '@linli/shared';
import { formatDay, monthDay, relativeDay, weekdayOf } from '../../utils/booking-time';
import { dailyCutoffOf, dailyCutoffText, dailyText, weekdaysText } from '../../utils/offering-kind';
import type { Slot, SlotDay } from './useSlots';

type Pick = (date: string, s: Slot) => void;

/** Seats in words: 余 12 个名额 / 已报满 / 已截止 (a meal: 余 38 份 / 已订满). */
function seatsNote(s: Slot, meal = false): string {
  if (s.state === 'open') return meal ? `余 ${s.left} 份` : `余 ${s.left} 个名额`;
  if (s.state === 'full') return meal ? '已订满' : '已报满';
  return '已截止';
}

/** 报名 on an open place, 排队候补 on a full one (when a line may be joined), else nothing to tap. */
function EnrolButton({ s, onPick, onFull, testid, wide }: { s: Slot; onPick: () => void; onFull?: () => void; testid: string; wide?: boolean }) {
  if (s.state === 'open') {
    return (
      <Button className={wide ? 'btn' : 'btn bk-enrol'} data-testid={testid} onClick={onPick}>
        报名
      </Button>
    );
  }
  if (s.state === 'full' && onFull) {
    return (
      <Button className={wide ? 'btn-plain' : 'btn-plain bk-enrol'} data-testid={`${testid}-wait`} onClick={onFull}>
        排队候补
      </Button>
    );
  }
  return null;
}

/** 活动报名: every coming session with its date, time and seats left; one tap on 报名 to enrol. */
export function SessionList({ days, onPick, onFull }: { days: SlotDay[]; onPick: Pick; onFull?: Pick }) {
  const rows = days.flatMap((d) => d.slots.map((s) => ({ date: d.date, s })));
  if (rows.length === 0) return <View className='empty'>这个活动近期没有场次</View>;
  return (
    <View data-testid='session-list'>
      {rows.map(({ date, s }) => (
        <View key={`${date}-${s.start}`} className='bk-offering row between' data-testid={`session-${date}-${s.start}`} data-state={s.state}>
          <View style={{ flex: 1 }}>
            <View className='bk-offering-name'>{formatDay(date)}</View>
            <View className='bk-offering-line'>
              {s.start}–{s.end}
            </View>
            <View className={s.state === 'open' ? 'bk-seats' : 'bk-seats-off'}>{seatsNote(s)}</View>
          </View>
          <EnrolButton s={s} testid={`session-enrol-${date}-${s.start}`} onPick={() => onPick(date, s)} onFull={onFull && (() => onFull(date, s))} />
        </View>
      ))}
    </View>
  );
}

const fullDate = (d: string) => `${d.slice(0, 4)}年${monthDay(d)}`;

/** 学期报名: the whole term in words, its seats, and a single 报名 (open until the first class starts). */
export function TermCard({ offering, days, onPick, onFull }: { offering: Offering; days: SlotDay[]; onPick: Pick; onFull?: Pick }) {
  const t = offering.term;
  if (!t) return <View className='empty'>这个学期还没有排课</View>;
  const s = days[0]?.slots[0] ?? null;
  const to = t.to.slice(0, 4) === t.from.slice(0, 4) ? monthDay(t.to) : fullDate(t.to);
  return (
    <View className='card bk-confirm' data-testid='term-card' data-state={s?.state ?? 'closed'}>
      <View className='title'>学期报名</View>
      <View className='kv'>
        <Text className='muted kv-key'>学期</Text>
        <View className='kv-value' data-testid='term-span'>
          {fullDate(t.from)} – {to}
        </View>
      </View>
      <View className='kv'>
        <Text className='muted kv-key'>上课</Text>
        <View className='kv-value' data-testid='term-times'>
          {weekdaysText(t.weekdays)} {t.start}–{t.end}
        </View>
      </View>
      {offering.where && (
        <View className='kv'>
          <Text className='muted kv-key'>地点</Text>
          <View className='kv-value'>{offering.where}</View>
        </View>
      )}
      <View className='kv'>
        <Text className='muted kv-key'>名额</Text>
        <View className='kv-value' data-testid='term-seats'>
          共 {t.seats} 个{s ? `，${seatsNote(s)}` : ''}
        </View>
      </View>
      <View className='banner' style={{ marginTop: '12px', marginBottom: 0 }}>
        报名一次，整个学期都可以来上课；{monthDay(t.from)} {weekdayOf(t.from)} {t.start} 开课前都可以报名。学期报名不能改约，不来了请取消报名。
      </View>
      {s ? (
        <EnrolButton wide s={s} testid='term-enrol' onPick={() => onPick(days[0]!.date, s)} onFull={onFull && (() => onFull(days[0]!.date, s))} />
      ) : null}
      {(!s || s.state === 'started' || s.state === 'closed') && <View className='empty' style={{ padding: '32px 0 0' }}>本学期已开课，不能再报名</View>}
    </View>
  );
}

/**
 * 每日订餐: the coming days as a strip (余 38 份 / 已订满 / 已截止 / 不供应), the serving time and the
 * cut-off the day before; a tap on a day with meals left chooses it.
 */
export function DailyPicker(p: { offering: Offering; days: SlotDay[]; chosen: string | null; onPick: Pick; current?: string; onFull?: Pick }) {
  // Brings the first day with meals left into view once (a later tap must not make the strip jump).
  const [first] = useState(() => p.chosen ?? p.days.find((x) => x.slots[0]?.state === 'open')?.date);
  const d = p.offering.daily;
  if (!d) return <View className='empty'>还没有公布供应时间</View>;
  const tap = (date: string, s: Slot | undefined) => {
    if (!s) return void Taro.showToast({ title: '这一天不供应', icon: 'none' });
    if (date === p.current) return void Taro.showToast({ title: '这是您现在订的日期', icon: 'none' });
    if (s.state === 'open') return p.onPick(date, s);
    if (s.state === 'full' && p.onFull) return p.onFull(date, s);
    void Taro.showToast({ title: s.state === 'full' ? '这一天已订满，请选其他日期' : `这一天的订餐已截止（前一天 ${d.cutoff}）`, icon: 'none' });
  };
  const chosenDay = p.days.find((x) => x.date === p.chosen);
  const chosenSlot = chosenDay?.slots[0];
  return (
    <View>
      <View className='banner' data-testid='daily-rules'>
        <View>
          {dailyText(d)} 供应{p.offering.where ? ` · ${p.offering.where}` : ''}
        </View>
        <View className='bk-cutoff'>{dailyCutoffText(d)}（截止前可以取消）</View>
      </View>
      <ScrollView scrollX className='bk-days' data-testid='day-strip' scrollIntoView={first ? `d${first}` : undefined}>
        {p.days.map((x) => {
          const s = x.slots[0];
          const mine = x.date === p.current;
          const on = x.date === p.chosen && !mine;
          return (
            <View
              key={x.date}
              id={`d${x.date}`}
              className={`bk-day ${on ? 'bk-day-on' : !s || s.state !== 'open' || mine ? 'bk-day-off' : ''}`}
              data-testid={`day-${x.date}`}
              data-state={s?.state ?? 'none'}
              onClick={() => tap(x.date, s)}
            >
              <View className='bk-day-top'>{relativeDay(x.date) || weekdayOf(x.date)}</View>
              <View className='bk-day-sub'>{monthDay(x.date)}</View>
              <View className='bk-day-sub'>{mine ? '现在订的' : s ? seatsNote(s, true) : '不供应'}</View>
            </View>
          );
        })}
      </ScrollView>
      <View className='muted'>左右滑动可看更多日期</View>
      {chosenDay && chosenSlot && chosenDay.date !== p.current && (
        <View className='card' style={{ marginTop: '16px' }} data-testid='daily-chosen'>
          <View className='place-line' style={{ marginTop: 0 }}>
            {formatDay(chosenDay.date)} {chosenSlot.start}–{chosenSlot.end}
          </View>
          <View className='bk-offering-line'>
            {seatsNote(chosenSlot, true)} · {dailyCutoffOf(d, chosenDay.date)} 前可以订餐和取消
          </View>
        </View>
      )}
    </View>
  );
}
