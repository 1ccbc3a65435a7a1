import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BookingDto, CentreDayResponse, CentreDto, DisplacedResponse, Role } from '@linli/shared';
import type { z } from 'zod';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchCentres } from '../../services/booking';
import { fetchCentreDay, fetchDisplaced } from '../../services/booking-desk';
import { errorMessage } from '../../services/request';
import { chinaToday } from '../../utils/booking-time';
import { CheckInBox } from './CheckInBox';
import { DaySheet } from './DaySheet';
import { Displaced } from './Displaced';
import { DaySwitch, Summary } from './DaySwitch';
import { Unsent } from './Unsent';
import { WalkInForm } from './WalkInForm';
import './index.css';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

/** Who runs a centre's desk (the server narrows them to their community, or the street). */
const DESK_ROLES: readonly Role[] = ['service_staff', 'community_admin', 'street_admin'];
/** The centre last worked at, chosen again next time. */
const LAST_CENTRE = 'linli.desk.centre';

/**
 * 服务中心预约台 (centre staff, community and street admins): pick the centre (one's community's,
 * or any of the street for the street admin) and the day; today opens with the big 扫码签到 /
 * 输入预约码 box; 待处理 — bookings that no longer fit after a change of settings (to move or cancel);
 * the day's counts, reminders that did not reach people (to phone them), the sheet by time and pool
 * with each booking's actions and the places held for the waitlist, and 现场办理登记.
 */
export default function BookingDeskPage() {
  const { params } = useRouter();
  const { session, goLogin } = useSession();
  const roles = session?.user.roles ?? [];
  const allowed = roles.some((r) => DESK_ROLES.includes(r));
  const wholeStreet = roles.includes('street_admin');
  const [centres, setCentres] = useState<CentreDto[] | null>(null);
  const [centreId, setCentreId] = useState<string | null>(null);
  const [date, setDate] = useState(() => params.date ?? chinaToday());
  const [day, setDay] = useState<CentreDayResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [displaced, setDisplaced] = useState<z.infer<typeof DisplacedResponse>['items'] | null>(null);

  const loadCentres = useCallback(async () => {
    setError(null);
    try {
      const list = (await fetchCentres()).items.filter((c) => wholeStreet || c.mine);
      setCentres(list);
      const wanted = params.centreId ?? Taro.getStorageSync<string>(LAST_CENTRE);
      setCentreId((id) => id ?? (list.find((c) => c.id === wanted) ?? list[0])?.id ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [wholeStreet, params.centreId]);

  // The latest request wins: a slow answer for another centre or day is dropped.
  const beginDay = useLatest();
  const loadDay = useCallback(async () => {
    if (!centreId) return;
    const latest = beginDay();
    setError(null);
    try {
      const d = await fetchCentreDay(centreId, date);
      if (latest()) setDay(d);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [centreId, date, beginDay]);

  // 待处理 is across the coming days: read with the centre, on coming back, and after a change; a failure only hides it.
  const beginDisplaced = useLatest();
  const loadDisplaced = useCallback(async () => {
    if (!centreId) return;
    const latest = beginDisplaced();
    try {
      const { items } = await fetchDisplaced(centreId);
      if (latest()) setDisplaced(items);
    } catch {
      /* shown again on the next read */
    }
  }, [centreId, beginDisplaced]);

  useEffect(() => {
    if (allowed) void loadCentres();
  }, [allowed, loadCentres]);
  useEffect(() => {
    setDisplaced(null);
    void loadDisplaced();
  }, [loadDisplaced]);
  useEffect(() => {
    setDay(null);
    void loadDay();
  }, [loadDay]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void Promise.all([loadDay(), loadDisplaced()]);
    shown.current = true;
  });
  usePullDownRefresh(() => void Promise.all([loadDay(), loadDisplaced()]).finally(() => Taro.stopPullDownRefresh()));

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有预约台权限' : '请先登录'}</View>
          {session && <View className='muted'>服务中心工作人员和社区、街道管理员可以使用预约台</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }
  if (!centres) return <View className={pageClass('page-lg')}>{error ? <ErrorState message={error} onRetry={() => void loadCentres()} /> : <Loading />}</View>;
  if (centres.length === 0) return <View className={pageClass('page-lg')}><Empty text={wholeStreet ? '街道还没有开通预约的服务中心' : '本社区还没有开通预约的服务中心'} /></View>;

  const centre = centres.find((c) => c.id === centreId) ?? centres[0]!;
  const today = date === chinaToday();
  const choose = (id: string) => {
    Taro.setStorageSync(LAST_CENTRE, id);
    setCentreId(id);
  };
  // A booking changed on its card shows its new status at once; the counts follow from the server.
  const changed = (b: BookingDto) => {
    setDay((d) => d && { ...d, slots: d.slots.map((s) => ({ ...s, bookings: s.bookings.map((x) => (x.id === b.id ? b : x)) })) });
    void loadDay();
  };

  return (
    <View className={pageClass('page-lg')} data-testid='booking-desk'>
      <View className='card'>
        <View className='title' data-testid='desk-centre'>
          {centre.name}
        </View>
        <View className='muted'>{centre.address}</View>
        {centres.length > 1 && (
          <View className='row wrap' style={{ marginTop: '16px' }} data-testid='desk-centres'>
            {centres.map((c) => (
              <View key={c.id} className={`chip ${c.id === centre.id ? 'chip-on' : ''}`} data-testid={`desk-centre-${c.id}`} onClick={() => choose(c.id)}>
                {c.name}
              </View>
            ))}
          </View>
        )}
      </View>
      {today && <CheckInBox centreId={centre.id} onCheckedIn={changed} />}
      <Displaced items={displaced} />
      <DaySwitch date={date} label={day?.dayLabel ?? null} onDate={setDate} />
      {error && <ErrorState message={error} onRetry={() => void loadDay()} />}
      {!day && !error && <Loading />}
      {day && (
        <View>
          <Summary summary={day.summary} />
          <Unsent items={day.unsent} />
          <DaySheet day={day} noShow={centre.policy.noShow} today={today} onChanged={changed} onStale={() => void loadDay()} />
          {today && <WalkInForm centre={centre} walkIns={day.walkIns} onRecorded={() => void loadDay()} />}
          {!today && day.walkIns.length > 0 && <View className='muted'>这一天现场办理 {day.walkIns.length} 人</View>}
        </View>
      )}
    </View>
  );
}
