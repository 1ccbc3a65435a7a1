import { Button, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { UnitDto } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchStreetCommunities } from '../../services/registration';
import { errorMessage, fieldErrorsOf, isApiError } from '../../services/request';
import { fetchUnits } from '../../services/units';
import { spacedBookingCode } from '../../utils/booking-time';
import { UNIT_STAFF } from './quarter';
import { UnitCard } from './UnitCard';
import { UnitForm } from './UnitForm';
import './units.css';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

const REGISTER_URL = `/packages/register/index?redirect=${encodeURIComponent('/packages/units/index')}`;

/**
 * 共建单位 (在职党员双报到): the units registered with my community. Community staff register one
 * (登记共建单位: problems under the fields, confirmed first), read each unit's 报到码 large and open
 * the quarter's report (the street admin picks the community); anyone else reports in with the
 * code a unit gave him, and his unit's card then says 已报到.
 */
export default function UnitsPage() {
  const { session } = useSession();
  const user = session?.user;
  const staff = !!user && user.roles.some((r) => UNIT_STAFF.includes(r));
  const wholeStreet = !!user?.roles.includes('street_admin');
  const [communities, setCommunities] = useState<{ id: string; name: string }[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [items, setItems] = useState<UnitDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needPlace, setNeedPlace] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const streetId = user?.streetId ?? null;
  useEffect(() => {
    if (!streetId) return;
    fetchStreetCommunities(streetId)
      .then((r) => {
        setCommunities(r.items.map((c) => ({ id: c.id, name: c.name })));
        setPicked((id) => id ?? r.items[0]?.id ?? null);
      })
      .catch(() => setCommunities([])); // names only: the community admin's own units load without them
  }, [streetId]);

  const target = wholeStreet ? picked : (user?.communityId ?? null);
  const token = session?.token;
  const begin = useLatest();
  const load = useCallback(async () => {
    const latest = begin();
    setError(null);
    if (!target) {
      if (!wholeStreet) setNeedPlace(true);
      return;
    }
    try {
      const { items } = await fetchUnits(target);
      if (!latest()) return;
      setItems(items);
      setNeedPlace(false);
    } catch (e) {
      if (!latest()) return;
      if (isApiError(e) && e.status === 400 && fieldErrorsOf(e)?.communityId) setNeedPlace(true);
      else setError(errorMessage(e));
    }
  }, [target, wholeStreet, begin]);
  useEffect(() => {
    setItems(null);
    if (token) void load();
  }, [token, load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session) return <SignInFirst title='登录后查看共建单位' />;
  if (needPlace) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card banner' data-testid='units-need-place'>
          <View className='title'>先告诉我们您住在哪里</View>
          <View style={{ marginTop: '8px' }}>共建单位是在社区登记的。登记住址后，这里会列出您所在社区的共建单位，您就可以报到了。</View>
          <Button className='btn' data-testid='units-go-register' onClick={() => void Taro.navigateTo({ url: REGISTER_URL })}>
            去登记住址
          </Button>
        </View>
      </View>
    );
  }

  const communityName = communities?.find((c) => c.id === target)?.name ?? null;
  const created = (u: UnitDto) => {
    setItems((list) => [u, ...(list ?? []).filter((x) => x.id !== u.id)]);
    setNote(`已登记「${u.name}」。报到码 ${spacedBookingCode(u.joinCode ?? '')}，请告诉单位联系人。`);
  };
  const reportedIn = (u: UnitDto) => {
    setItems((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? null);
    setNote(`已到「${u.name}」报到`);
  };
  return (
    <View className={pageClass('page-lg')} data-testid='units-page'>
      <View className='card'>
        <View className='un-intro' data-testid='units-intro'>
          {staff
            ? '机关、企事业单位在社区登记为共建单位后，单位的在职党员用报到码到社区报到，认领单位的岗位；服务积分和时长按单位汇总。'
            : '在职党员到居住的社区报到（双报到）：找到您的工作单位，输入单位或社区给您的 6 位报到码。报到后可以认领单位的岗位，服务积分同时计入单位。'}
        </View>
        {staff && (
          <Button
            className='btn-plain'
            data-testid='units-open-report'
            onClick={() => target && void Taro.navigateTo({ url: `/packages/units/report?communityId=${encodeURIComponent(target)}` })}
          >
            各单位本季度服务情况
          </Button>
        )}
      </View>
      {wholeStreet && communities && (
        <View className='card'>
          <View className='title'>哪个社区</View>
          <View className='row wrap un-chips'>
            {communities.map((c) => (
              <View key={c.id} className={`chip ${c.id === picked ? 'chip-on' : ''}`} data-testid={`units-community-${c.id}`} onClick={() => setPicked(c.id)}>
                {c.name}
              </View>
            ))}
          </View>
        </View>
      )}
      {staff && <UnitForm communityId={target} communityName={communityName} onCreated={created} />}
      {note && (
        <View className='un-note' data-testid='units-note'>
          {note}
        </View>
      )}
      <View className='un-section'>{communityName ? `${communityName}的共建单位` : '本社区的共建单位'}</View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !items && <Loading />}
      {items && items.length === 0 && <Empty text={staff ? '还没有登记共建单位，在上面登记第一个' : '本社区还没有登记共建单位'} />}
      {items?.map((u) => (
        <UnitCard key={u.id} unit={u} staff={staff} onReportedIn={reportedIn} />
      ))}
    </View>
  );
}
