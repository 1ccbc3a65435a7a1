import { Button, Textarea, View } from '@tarojs/components';
import type { BookingDto, Offering } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { DailyPicker, SessionList, TermCard } from './EnrolPickers';
import { SlotPicker } from './SlotPicker';
import type { Slot, useSlots } from './useSlots';

type Pick = (date: string, s: Slot) => void;

const NOTE_HINT: Record<Offering['kind'], string> = { appointment: '如：需要帮忙填表、坐轮椅来', session: '', term: '', daily: '如：少盐少油、不吃辣' };

/**
 * Step 2, by kind: an appointment's day strip and slots (then 下一步), an activity's sessions or a
 * term's card with one 报名 each (straight to the confirmation), a daily order's strip of days (then
 * 下一步). `onFull` offers the waitlist of a full place.
 */
export function SlotStep(p: {
  offering: Offering;
  slots: ReturnType<typeof useSlots>;
  slot: Slot | null;
  moving: BookingDto | null;
  note: string;
  onNote: (v: string) => void;
  onDay: (date: string) => void;
  /** A slot chosen on the day shown (appointments) or a day's meal chosen (daily orders). */
  onSlot: Pick;
  /** 报名 on a session or the term: chosen and on to the confirmation. */
  onEnrol: Pick;
  onFull?: Pick;
  onNext: () => void;
}) {
  const { slots, offering: o } = p;
  const kind = o.kind;
  const days = slots.days;
  const withNext = kind === 'appointment' || kind === 'daily';
  return (
    <View>
      {slots.error && <ErrorState message={slots.error} onRetry={() => void slots.reload()} />}
      {!slots.error && !days && <Loading text={withNext ? '正在查询可约时段…' : '正在查询名额…'} />}
      {days && kind === 'appointment' && (
        <SlotPicker
          days={days}
          day={slots.day}
          onDay={p.onDay}
          chosen={p.slot?.start ?? null}
          onSlot={(s) => slots.date && p.onSlot(slots.date, s)}
          current={p.moving && p.moving.date === slots.date ? p.moving.start : undefined}
          onFull={p.onFull && ((s) => slots.date && p.onFull?.(slots.date, s))}
        />
      )}
      {days && kind === 'daily' && (
        <DailyPicker offering={o} days={days} chosen={p.slot ? slots.date : null} onPick={p.onSlot} current={p.moving?.date} onFull={p.onFull} />
      )}
      {days && kind === 'session' && <SessionList days={days} onPick={p.onEnrol} onFull={p.onFull} />}
      {days && kind === 'term' && <TermCard offering={o} days={days} onPick={p.onEnrol} onFull={p.onFull} />}
      {!p.moving && days && withNext && (
        <View className='card' style={{ marginTop: '8px' }}>
          <View className='title'>备注（选填）</View>
          <Textarea
            className='textarea'
            style={{ minHeight: '120px' }}
            data-testid='booking-note'
            value={p.note}
            maxlength={100}
            placeholder={NOTE_HINT[kind]}
            onInput={(e) => p.onNote(e.detail.value)}
          />
        </View>
      )}
      {withNext && (
        <Button className='btn' data-testid='booking-next' onClick={p.onNext}>
          下一步
        </Button>
      )}
    </View>
  );
}
