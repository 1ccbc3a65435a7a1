import { Button, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { BookingDto, CentreDto, Offering } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { createBooking, fetchBooking, fetchCentre, rescheduleBooking } from '../../services/booking';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, isApiError } from '../../services/request';
import { getSession } from '../../services/session';
import { ConfirmCard } from './ConfirmCard';
import { OfferingList } from './OfferingList';
import { SlotPicker } from './SlotPicker';
import { type Slot, useSlots } from './useSlots';
import './index.css';

type Step = 'offering' | 'slot' | 'confirm';

/** Refusals that mean the chosen slot is gone: the slots are read again and another is chosen. */
const SLOT_GONE = ['slot_full', 'slot_started', 'outside_rules'];

const top = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
const detailUrl = (id: string) => `/packages/booking-detail/index?id=${id}`;

/** Back to the confirmation that sent us here to move it (it reads itself again on show), else open it. */
function backToDetail(id: string) {
  const pages = Taro.getCurrentPages();
  const below = pages[pages.length - 2]?.route ?? '';
  if (below.includes('booking-detail')) void Taro.navigateBack();
  else void Taro.redirectTo({ url: detailUrl(id) });
}

/**
 * 预约办事 at one centre (`?centreId=`): (1) what to do, (2) the day and the slot (and a note),
 * (3) everything in words → 确认预约 → the confirmation page. With `?bookingId=` it moves that
 * booking (改约): another slot of the same offering, confirmed the same way.
 */
export default function NewBookingPage() {
  const { params } = useRouter();
  const centreId = params.centreId ?? '';
  const movingId = params.bookingId ?? '';
  const [user] = useState(() => getSession()?.user);
  const [centre, setCentre] = useState<CentreDto | null>(null);
  const [moving, setMoving] = useState<BookingDto | null>(null);
  const [offering, setOffering] = useState<Offering | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>(movingId ? 'slot' : 'offering');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [note, setNote] = useState('');
  // One key per confirmed choice: a retried 确认 books once; another slot is another intention.
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needName, setNeedName] = useState(!movingId && user?.realName === false);
  const slots = useSlots(centre, offering?.id ?? null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      if (!movingId) {
        setCentre((await fetchCentre(centreId)).centre);
        return;
      }
      const { booking } = await fetchBooking(movingId);
      const { centre: c } = await fetchCentre(booking.centreId);
      const o = c.offerings.find((x) => x.id === booking.offeringId && x.active);
      if (!o) throw new Error('该办事项目已停止预约');
      setMoving(booking);
      setCentre(c);
      setOffering(o);
    } catch (e) {
      setLoadError(e instanceof Error && !isApiError(e) ? e.message : errorMessage(e));
    }
  }, [centreId, movingId]);
  useEffect(() => {
    void load();
  }, [load]);

  const go = (s: Step) => {
    setError(null);
    setStep(s);
    top();
  };
  const pickOffering = (o: Offering) => {
    setOffering(o);
    setSlot(null);
    go('slot');
  };
  const pickDay = (date: string) => {
    slots.setDate(date);
    setSlot(null);
  };
  const next = () => {
    if (!slot) return setError('请先选择一个时段');
    setKey(newIdempotencyKey());
    go('confirm');
  };
  const back = () => {
    if (step === 'confirm') go('slot');
    else if (step === 'slot' && !moving) go('offering');
    else void Taro.navigateBack();
  };
  const goName = () =>
    void Taro.redirectTo({ url: `/packages/register/index?need=name&redirect=${encodeURIComponent(`/packages/booking-new/index?centreId=${centreId}`)}` });

  const submit = async () => {
    if (!centre || !offering || !slot || !slots.date) return;
    setBusy(true);
    setError(null);
    try {
      if (moving) {
        await rescheduleBooking(moving.id, { date: slots.date, start: slot.start, version: moving.version }, key);
        await Taro.showToast({ title: '已改约', icon: 'success' });
        backToDetail(moving.id);
      } else {
        const { booking } = await createBooking({ centreId: centre.id, offeringId: offering.id, date: slots.date, start: slot.start, note: note.trim() }, key);
        await Taro.showToast({ title: '预约成功', icon: 'success' });
        void Taro.redirectTo({ url: detailUrl(booking.id) });
      }
    } catch (e) {
      if (isApiError(e) && e.fields.some((f) => f.field === 'name')) {
        setNeedName(true);
      } else if (isApiError(e) && SLOT_GONE.includes(e.code)) {
        setSlot(null);
        go('slot');
        setError(e.message);
        void slots.reload();
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (needName) {
    return (
      <View className='page page-lg'>
        <View className='card banner' data-testid='booking-need-name'>
          <View className='title'>请补填真实姓名</View>
          <View style={{ marginTop: '8px' }}>预约需要您的真实姓名，服务中心按姓名和预约码为您办理。</View>
          <Button className='btn' data-testid='booking-go-name' onClick={goName}>
            去补填姓名
          </Button>
        </View>
      </View>
    );
  }
  if (loadError) return <View className='page page-lg'><ErrorState message={loadError} onRetry={() => void load()} /></View>;
  if (!centre) return <View className='page page-lg'><Loading /></View>;

  const total = moving ? 2 : 3;
  const index = (moving ? 0 : 1) + (step === 'confirm' ? 2 : step === 'slot' ? 1 : 0);
  const what = step === 'offering' ? '选择要办的事' : step === 'slot' ? (moving ? '选择新的时段' : '选择日期和时段') : '核对并确认';
  return (
    <View className='page page-lg' data-testid='booking-new'>
      <View className='card'>
        <View className='title'>{centre.name}</View>
        <View className='muted'>{centre.address}</View>
        {offering && step !== 'offering' && (
          <View className='place-line' data-testid='chosen-offering'>
            {moving ? '改约：' : ''}
            {offering.name}
          </View>
        )}
      </View>
      <View className='bk-step' data-testid='booking-step'>
        第 {index} 步（共 {total} 步）：{what}
      </View>
      {error && <ErrorState message={error} />}

      {step === 'offering' && <OfferingList centre={centre} onPick={pickOffering} />}

      {step === 'slot' && (
        <View>
          {slots.error && <ErrorState message={slots.error} onRetry={() => void slots.reload()} />}
          {!slots.error && !slots.days && <Loading text='正在查询可约时段…' />}
          {slots.days && (
            <SlotPicker
              days={slots.days}
              day={slots.day}
              onDay={pickDay}
              chosen={slot?.start ?? null}
              onSlot={setSlot}
              current={moving && moving.date === slots.date ? moving.start : undefined}
            />
          )}
          {!moving && slots.days && (
            <View className='card' style={{ marginTop: '8px' }}>
              <View className='title'>备注（选填）</View>
              <Textarea
                className='textarea'
                style={{ minHeight: '120px' }}
                data-testid='booking-note'
                value={note}
                maxlength={100}
                placeholder='如：需要帮忙填表、坐轮椅来'
                onInput={(e) => setNote(e.detail.value)}
              />
            </View>
          )}
          <Button className='btn' data-testid='booking-next' onClick={next}>
            下一步
          </Button>
        </View>
      )}

      {step === 'confirm' && offering && slot && slots.date && (
        <View>
          <ConfirmCard centre={centre} offering={offering} date={slots.date} slot={slot} person={moving?.personName ?? user?.name ?? ''} note={moving ? '' : note.trim()} moving={moving} />
          <Button className='btn' data-testid='booking-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
            {moving ? '确认改约' : '确认预约'}
          </Button>
        </View>
      )}
      <Button className='btn-plain' data-testid='booking-back' onClick={back}>
        {step === 'offering' || (moving && step === 'slot') ? '返回' : '上一步'}
      </Button>
    </View>
  );
}
