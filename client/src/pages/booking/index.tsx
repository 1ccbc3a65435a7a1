import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CentreDto } from '@linli/shared';
import { BookingCard } from '../../components/BookingCard';
import { CentreCard } from '../../components/CentreCard';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useLocation } from '../../hooks/useLocation';
import { useSession } from '../../hooks/useSession';
import { fetchCentres, fetchMyBookings, type Point } from '../../services/booking';
import { errorMessage, isApiError } from '../../services/request';
import { monthDay } from '../../utils/booking-time';
import { offeringOf } from '../../utils/offering-kind';
import { MyWaits } from './MyWaits';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

type Mine = Awaited<ReturnType<typeof fetchMyBookings>>;

/** Mounted when the resident taps 使用我的位置: locates once and reports the place (or why not). */
function Locator({ onPlace, onFail }: { onPlace: (p: Point) => void; onFail: (why: string) => void }) {
  const { place, denied } = useLocation();
  useEffect(() => {
    if (!place) return;
    if (place.source === 'device') onPlace({ lat: place.lat, lng: place.lng, datum: place.datum });
    else onFail(`${denied ?? '暂时无法获取您的位置'}，请先登记住址`);
  }, [place, denied, onPlace, onFail]);
  return null;
}

const REGISTER_URL = `/packages/register/index?redirect=${encodeURIComponent('/pages/booking/index')}`;

/**
 * 延时服务: my places in waitlists (a held place to confirm first), my coming bookings (tap → the
 * confirmation with its code), and the centres to book at — my community's first. The centre list
 * needs my registered community or my position.
 */
export default function BookingPage() {
  const { session, goLogin } = useSession();
  const token = session?.token;
  const [past, setPast] = useState(false);
  const [mine, setMine] = useState<Mine | null>(null);
  const [mineError, setMineError] = useState<string | null>(null);
  const [centres, setCentres] = useState<CentreDto[] | null>(null);
  const [centreError, setCentreError] = useState<string | null>(null);
  const [needPlace, setNeedPlace] = useState(false);
  const [at, setAt] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateNote, setLocateNote] = useState<string | null>(null);
  const [waits, setWaits] = useState(0);

  const beginMine = useLatest();
  const loadMine = useCallback(async (p: boolean) => {
    const latest = beginMine();
    setMineError(null);
    try {
      const fresh = await fetchMyBookings(p);
      if (latest()) setMine(fresh);
    } catch (e) {
      if (latest()) setMineError(errorMessage(e));
    }
  }, [beginMine]);
  const beginCentres = useLatest();
  const loadCentres = useCallback(async (point: Point | null) => {
    const latest = beginCentres();
    setCentreError(null);
    try {
      const { items } = await fetchCentres(point ?? undefined);
      if (!latest()) return;
      setCentres(items);
      setNeedPlace(false);
    } catch (e) {
      if (!latest()) return;
      if (isApiError(e) && e.status === 400 && e.fields.some((f) => f.field === 'lat')) setNeedPlace(true);
      else setCentreError(errorMessage(e));
    }
  }, [beginCentres]);

  useEffect(() => {
    if (token) void loadMine(past);
  }, [token, past, loadMine]);
  useEffect(() => {
    if (token) void loadCentres(at);
  }, [token, at, loadCentres]);
  // Back from booking, moving or cancelling: read both again (the first show is the effects' load).
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    if (!token) return;
    void loadMine(past);
    void loadCentres(at);
    setWaits((n) => n + 1);
  });
  usePullDownRefresh(() => {
    setWaits((n) => n + 1);
    void Promise.all([loadMine(past), loadCentres(at)]).finally(() => Taro.stopPullDownRefresh());
  });

  const onPlace = useCallback((p: Point) => {
    setLocating(false);
    setLocateNote(null);
    setAt(p);
  }, []);
  const onFail = useCallback((why: string) => {
    setLocating(false);
    setLocateNote(why);
  }, []);
  const locate = () => {
    setLocateNote(null);
    setLocating(true);
  };
  const openBooking = (id: string) => void Taro.navigateTo({ url: `/packages/booking-detail/index?id=${id}` });
  const openCentre = (id: string) => void Taro.navigateTo({ url: `/packages/booking-new/index?centreId=${id}` });

  if (!session) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>登录后预约办事</View>
          <View className='muted'>社区党群服务中心工作日晚上、周末也能办事。在线预约时段，到点办理，不白跑。</View>
          <Button className='btn' data-testid='booking-go-login' onClick={goLogin}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className={pageClass('page-lg')} data-testid='booking-page'>
      {mine?.pause && (
        <View className='banner' data-testid='booking-pause'>
          暂停在线预约：{mine.pause.reason}，{monthDay(mine.pause.until)}起恢复。如有异议请联系服务中心。
        </View>
      )}
      <MyWaits version={waits} />
      <View className='h1'>我的预约</View>
      <View className='row'>
        <View className={`chip ${past ? '' : 'chip-on'}`} data-testid='bookings-upcoming' onClick={() => setPast(false)}>
          即将到来
        </View>
        <View className={`chip ${past ? 'chip-on' : ''}`} data-testid='bookings-past' onClick={() => setPast(true)}>
          已过去
        </View>
      </View>
      {mineError && <ErrorState message={mineError} onRetry={() => void loadMine(past)} />}
      {!mineError && !mine && <Loading />}
      {mine && mine.items.length === 0 && <Empty text={past ? '没有过去的预约' : '您还没有预约，可以在下面选一个服务中心'} />}
      <View data-testid='my-bookings'>{mine?.items.map((b) => <BookingCard key={b.id} booking={b} offering={offeringOf(b, centres)} onOpen={openBooking} />)}</View>

      <View className='h1' style={{ marginTop: '32px' }}>
        预约办事
      </View>
      <View className='muted' style={{ marginBottom: '16px' }}>
        党群服务中心工作日晚上、周末轮流开放。选一个中心，再选办什么事和时间。
      </View>
      {needPlace && (
        <View className='card banner' data-testid='booking-need-place'>
          <View className='title'>先告诉我们您住在哪里</View>
          <View style={{ marginTop: '8px' }}>登记住址后显示您所在社区的服务中心；也可以用您现在的位置查找附近的中心。</View>
          <Button className='btn' data-testid='booking-go-register' onClick={() => void Taro.navigateTo({ url: REGISTER_URL })}>
            去登记住址
          </Button>
          <Button className='btn-plain' data-testid='booking-locate' loading={locating} disabled={locating || undefined} onClick={locate}>
            使用我的位置
          </Button>
        </View>
      )}
      {locateNote && <ErrorState message={locateNote} />}
      {centreError && <ErrorState message={centreError} onRetry={() => void loadCentres(at)} />}
      {!needPlace && !centreError && !centres && <Loading text='正在查找服务中心…' />}
      {centres && centres.length === 0 && <Empty text='您所在街道还没有开通预约的服务中心' />}
      <View data-testid='centre-list'>{centres?.map((c) => <CentreCard key={c.id} centre={c} onOpen={openCentre} />)}</View>
      {centres && centres.length > 1 && !at && !needPlace && (
        <Button className='btn-plain' data-testid='booking-near-me' loading={locating} disabled={locating || undefined} onClick={locate}>
          使用我的位置，按远近显示
        </Button>
      )}
      {locating && <Locator onPlace={onPlace} onFail={onFail} />}
      <PrivacyPopup />
    </View>
  );
}
