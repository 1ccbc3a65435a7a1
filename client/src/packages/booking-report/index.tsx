import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { BookingReportResponse, Role } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchCentres } from '../../services/booking';
import { fetchBookingReport } from '../../services/centre-admin';
import { errorMessage } from '../../services/request';
import { fetchCommunities } from '../../services/requests';
import { chinaToday, monthDay } from '../../utils/booking-time';
import { Busiest, DayBars, Headline, Uses } from './Figures';
import './index.css';
import { pageClass } from '../../services/care';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { useLatest } from '../../hooks/useLatest';

const READERS: readonly Role[] = ['service_staff', 'community_admin', 'street_admin'];

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
/** This week's Monday (China time). */
const thisMonday = () => {
  const today = chinaToday();
  return addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
};
/** 上周（12月1日–12月7日）, 本周（…）, or just the dates. */
function weekName(from: string, to: string): string {
  const monday = thisMonday();
  const name = from === monday ? '本周' : from === addDays(monday, -7) ? '上周' : '';
  return `${name}${name ? '（' : ''}${monthDay(from)}–${monthDay(to)}${name ? '）' : ''}`;
}

/**
 * 延时服务周报 (community and centre staff for their community; the street admin picks one): the
 * week's figures in words and large numbers, when people came, the busiest offerings, walk-ins,
 * waitlist joins, reminders not sent, and a bar a day; 上一周 / 下一周 (`?from=` and `?communityId=` open
 * another week or community).
 */
export default function BookingReportPage() {
  const { params } = useRouter();
  const { session, goLogin } = useSession();
  const user = session?.user;
  const allowed = (user?.roles ?? []).some((r) => READERS.includes(r));
  const listsCommunities = (user?.roles ?? []).some((r) => r === 'street_admin' || r === 'community_admin');
  const [communities, setCommunities] = useState<{ id: string; name: string }[] | null>(null);
  const [communityId, setCommunityId] = useState<string | null>(params.communityId ?? null);
  // A week may be asked for by link (?from=YYYY-MM-DD); otherwise last week.
  const [from, setFrom] = useState<string | null>(/^\d{4}-\d{2}-\d{2}$/.test(params.from ?? '') ? params.from! : null);
  const [report, setReport] = useState<BookingReportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadCommunities = useCallback(async () => {
    setError(null);
    try {
      let list: { id: string; name: string }[];
      if (listsCommunities) list = (await fetchCommunities()).items;
      else {
        const mine = (await fetchCentres()).items.find((c) => c.mine);
        list = user?.communityId ? [{ id: user.communityId, name: mine?.communityName ?? '本社区' }] : [];
      }
      setCommunities(list);
      setCommunityId((id) => id ?? list.find((c) => c.id === user?.communityId)?.id ?? list[0]?.id ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [listsCommunities, user?.communityId]);

  const begin = useLatest();
  const load = useCallback(async () => {
    if (!communityId) return;
    const latest = begin();
    setError(null);
    try {
      const r = await fetchBookingReport(communityId, from ?? undefined);
      if (latest()) setReport(r);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [communityId, from, begin]);

  useEffect(() => {
    if (allowed) void loadCommunities();
  }, [allowed, loadCommunities]);
  useEffect(() => {
    setReport(null);
    void load();
  }, [load]);
  usePullToRefresh(load);

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有查看周报的权限' : '请先登录'}</View>
          {session && <View className='muted'>社区、街道和服务中心工作人员可以查看延时服务周报</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }
  if (!communities) return <View className={pageClass('page-lg')}>{error ? <ErrorState message={error} onRetry={() => void loadCommunities()} /> : <Loading />}</View>;
  if (communities.length === 0) return <View className={pageClass('page-lg')}><Empty text='没有可以查看的社区' /></View>;

  const community = communities.find((c) => c.id === communityId) ?? communities[0]!;
  const shown = report ? report.from : null;
  const canNext = !!shown && addDays(shown, 7) <= thisMonday();
  const move = (days: number) => shown && setFrom(addDays(shown, days));

  return (
    <View className={pageClass('page-lg')} data-testid='booking-report'>
      <View className='card'>
        <View className='title' data-testid='report-community'>
          {community.name} · 延时服务周报
        </View>
        {communities.length > 1 && (
          <View className='row wrap' style={{ marginTop: '16px' }} data-testid='report-communities'>
            {communities.map((c) => (
              <View key={c.id} className={`chip ${c.id === community.id ? 'chip-on' : ''}`} data-testid={`report-community-${c.id}`} onClick={() => setCommunityId(c.id)}>
                {c.name}
              </View>
            ))}
          </View>
        )}
        <View className='rp-week' data-testid='report-week'>
          {report ? weekName(report.from, report.to) : ' '}
        </View>
        <View className='row between'>
          <Button className='btn-plain rp-move' data-testid='report-prev' disabled={!shown || undefined} onClick={() => move(-7)}>
            ‹ 上一周
          </Button>
          <Button className='btn-plain rp-move' data-testid='report-next' disabled={!canNext || undefined} onClick={() => move(7)}>
            下一周 ›
          </Button>
        </View>
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!report && !error && <Loading />}
      {report && (
        <View>
          <Headline report={report} week={weekName(report.from, report.to)} />
          <Uses report={report} />
          <Busiest report={report} />
          <DayBars report={report} />
        </View>
      )}
    </View>
  );
}
