import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { BookingDto, CentreDto, Offering, WaitEntryDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { createBooking, fetchBooking, fetchCentre, rescheduleBooking } from '../../services/booking';
import { askBookingNotices, type NoticeTemplates } from '../../services/booking-notices';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, isApiError } from '../../services/request';
import { getSession } from '../../services/session';
import { ConfirmCard } from './ConfirmCard';
import { KIND_VERB } from '../../utils/offering-kind';
import { OfferingList } from './OfferingList';
import { PersonPicker } from './PersonPicker';
import { SlotStep } from './SlotStep';
import { useJoinWaitlist } from './useJoinWaitlist';
import { type Person, usePeople } from './usePeople';
import { type Slot, useSlots } from './useSlots';
import { WaitJoined } from './WaitJoined';
import './index.css';
import { pageClass } from '../../services/care';

type Step = 'person' | 'offering' | 'slot' | 'confirm' | 'waiting';

/** Refusals that mean the chosen slot is gone: the slots are read again and another is chosen. */
const SLOT_GONE = ['slot_full', 'slot_started', 'outside_rules', 'past_cutoff'];
const NO_NAME_FOR_OTHER = '这位居民还没有登记真实姓名，暂时不能代约。请他先在“我的”中补填姓名，或到服务中心现场办理。';

/** What step 2 asks for, by kind. */
const PICK_WHAT: Record<Offering['kind'], string> = { appointment: '选择日期和时段', session: '选择场次报名', term: '查看学期并报名', daily: '选择订餐日期' };

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
 * 预约办事 at one centre (`?centreId=`): (0) for whom — only for someone who may book for others
 * (代约: his family, his grid), (1) what to do, (2) the day and the slot (and a note) — an activity's
 * session or a term with one 报名, a meal's day — or 排队候补 on a full one, (3) everything in words →
 * 确认预约 / 确认报名 / 确认订餐 → the confirmation page. With `?bookingId=` it moves that booking
 * (改约): another slot (or day) of the same offering, confirmed the same way.
 */
export default function NewBookingPage() {
  const { params } = useRouter();
  const centreId = params.centreId ?? '';
  const movingId = params.bookingId ?? '';
  const [user] = useState(() => getSession()?.user);
  const [centre, setCentre] = useState<CentreDto | null>(null);
  const [templates, setTemplates] = useState<NoticeTemplates | null>(null);
  const [moving, setMoving] = useState<BookingDto | null>(null);
  const [offering, setOffering] = useState<Offering | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const people = usePeople(user, !movingId);
  const [person, setPerson] = useState<Person | null>(null);
  const [step, setStep] = useState<Step | null>(movingId ? 'slot' : null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [note, setNote] = useState('');
  const [waiting, setWaiting] = useState<WaitEntryDto | null>(null);
  // One key per confirmed choice: a retried 确认 books once; another slot is another intention.
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needName, setNeedName] = useState(!movingId && user?.realName === false);
  const slots = useSlots(centre, offering);
  const waitlist = useJoinWaitlist(centre, offering, templates);
  const hasPeople = (people?.length ?? 0) > 0;
  const kind = offering?.kind ?? 'appointment';
  const verb = KIND_VERB[kind];
  const forVerb = kind === 'appointment' ? '约' : verb;

  // The first step, once we know whether he may book for anyone else.
  useEffect(() => {
    if (step === null && people !== null) setStep(people.length > 0 ? 'person' : 'offering');
  }, [step, people]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      if (!movingId) {
        const res = await fetchCentre(centreId);
        setCentre(res.centre);
        setTemplates(res.noticeTemplates);
        return;
      }
      const { booking } = await fetchBooking(movingId);
      const res = await fetchCentre(booking.centreId);
      const o = res.centre.offerings.find((x) => x.id === booking.offeringId && x.active);
      if (!o) throw new Error('该办事项目已停止预约');
      setMoving(booking);
      setCentre(res.centre);
      setTemplates(res.noticeTemplates);
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
  const pickPerson = (p: Person | null) => {
    setPerson(p);
    go('offering');
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
  const pickSlot = (date: string, s: Slot) => {
    slots.setDate(date);
    setSlot(s);
    setError(null);
  };
  const next = () => {
    if (!slot) return setError(kind === 'daily' ? '请先选择订餐的日期' : '请先选择一个时段');
    setKey(newIdempotencyKey());
    go('confirm');
  };
  /** 报名 on a session or the term: chosen, and on to the confirmation. */
  const enrol = (date: string, s: Slot) => {
    pickSlot(date, s);
    setKey(newIdempotencyKey());
    go('confirm');
  };
  const back = () => {
    if (step === 'confirm' || step === 'waiting') go('slot');
    else if (step === 'slot' && !moving) go('offering');
    else if (step === 'offering' && hasPeople) go('person');
    else void Taro.navigateBack();
  };
  const goName = () =>
    void Taro.redirectTo({ url: `/packages/register/index?need=name&redirect=${encodeURIComponent(`/packages/booking-new/index?centreId=${centreId}`)}` });

  /** A full slot: 排队候补 (for oneself only: a line is one's own). */
  const wait = async (date: string, s: Slot) => {
    setError(null);
    const out = await waitlist.join(date, s);
    if (!out) return;
    if ('entry' in out) {
      setWaiting(out.entry);
      go('waiting');
    } else if ('open' in out) {
      setError(`刚有人取消，现在有空位了，可以直接${verb}`);
      void slots.reload();
    } else if ('needName' in out) setNeedName(true);
    else setError(out.error);
  };

  const submit = async () => {
    if (!centre || !offering || !slot || !slots.date) return;
    // Asked at this tap, before anything else happens (WeChat needs the tap): the reminders, and word if the centre moves it.
    const notify = moving ? [] : await askBookingNotices(templates, ['day_before', 'hour_before', 'changed']);
    setBusy(true);
    setError(null);
    try {
      if (moving) {
        await rescheduleBooking(moving.id, { date: slots.date, start: slot.start, version: moving.version }, key);
        await Taro.showToast({ title: '已改约', icon: 'success' });
        backToDetail(moving.id);
      } else {
        const body = { centreId: centre.id, offeringId: offering.id, date: slots.date, start: slot.start, note: note.trim(), notify, ...(person ? { forUserId: person.userId } : {}) };
        const { booking } = await createBooking(body, key);
        await Taro.showToast({ title: person ? `代${forVerb}成功` : `${verb}成功`, icon: 'success' });
        void Taro.redirectTo({ url: detailUrl(booking.id) });
      }
    } catch (e) {
      if (isApiError(e) && e.fields.some((f) => f.field === 'name')) {
        if (person) setError(NO_NAME_FOR_OTHER);
        else setNeedName(true);
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
      <View className={pageClass('page-lg')}>
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
  if (loadError) return <View className={pageClass('page-lg')}><ErrorState message={loadError} onRetry={() => void load()} /></View>;
  if (!centre || step === null) return <View className={pageClass('page-lg')}><Loading /></View>;

  const order: Step[] = moving ? ['slot', 'confirm'] : hasPeople ? ['person', 'offering', 'slot', 'confirm'] : ['offering', 'slot', 'confirm'];
  const index = order.indexOf(step === 'waiting' ? 'slot' : step) + 1;
  const WHAT: Record<Step, string> = {
    person: '为谁预约',
    offering: '选择要办的事',
    slot: moving ? (kind === 'daily' ? '选择新的日期' : '选择新的时段') : PICK_WHAT[kind],
    confirm: '核对并确认',
    waiting: '排队候补',
  };
  return (
    <View className={pageClass('page-lg')} data-testid='booking-new'>
      <View className='card'>
        <View className='title'>{centre.name}</View>
        <View className='muted'>{centre.address}</View>
        {person && step !== 'person' && (
          <View className='place-line' data-testid='chosen-person'>
            代约：{person.name}
          </View>
        )}
        {offering && step !== 'offering' && step !== 'person' && (
          <View className='place-line' data-testid='chosen-offering'>
            {moving ? '改约：' : ''}
            {offering.name}
          </View>
        )}
      </View>
      <View className='bk-step' data-testid='booking-step'>
        第 {index} 步（共 {order.length} 步）：{WHAT[step]}
      </View>
      {error && <ErrorState message={error} />}

      {step === 'person' && people && <PersonPicker me={user?.name ?? ''} people={people} onPick={pickPerson} />}
      {step === 'offering' && <OfferingList centre={centre} onPick={pickOffering} />}

      {step === 'slot' && offering && (
        <SlotStep
          offering={offering}
          slots={slots}
          slot={slot}
          moving={moving}
          note={note}
          onNote={setNote}
          onDay={pickDay}
          onSlot={pickSlot}
          onEnrol={enrol}
          onFull={moving || person || waitlist.busy ? undefined : (date, s) => void wait(date, s)}
          onNext={next}
        />
      )}

      {step === 'confirm' && offering && slot && slots.date && (
        <View>
          <ConfirmCard
            centre={centre}
            offering={offering}
            date={slots.date}
            slot={slot}
            person={moving?.personName ?? person?.name ?? user?.name ?? ''}
            forOther={Boolean(person)}
            note={moving ? '' : note.trim()}
            moving={moving}
          />
          <Button className='btn' data-testid='booking-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
            {moving ? '确认改约' : person ? `确认代${forVerb}` : `确认${verb}`}
          </Button>
        </View>
      )}

      {step === 'waiting' && waiting && <WaitJoined entry={waiting} holdMinutes={centre.policy.holdMinutes} onAnother={back} />}
      {step !== 'waiting' && (
        <Button className='btn-plain' data-testid='booking-back' onClick={back}>
          {step === order[0] ? '返回' : '上一步'}
        </Button>
      )}
    </View>
  );
}
