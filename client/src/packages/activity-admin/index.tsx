import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityDto, Role } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { useTeams } from '../../hooks/useTeams';
import { fetchActivities } from '../../services/points-staff';
import { fetchStreetCommunities } from '../../services/registration';
import { errorMessage } from '../../services/request';
import { activityTime, joinersText, rewardText } from './format';
import './index.css';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

/** Who runs a community's activities (the server narrows them to their community, or the street). */
const ADMINS: readonly Role[] = ['community_admin', 'street_admin'];

/**
 * 志愿活动管理 (community and street admins): 发布活动, and the community's coming activities
 * (the street admin picks the community), each with its time, places taken and points; a tap
 * opens the organiser's page (check-in code, sign-ups, attendance).
 */
export default function ActivityAdminPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const staff = !!user && user.roles.some((r) => ADMINS.includes(r));
  // A volunteer team's captain runs his team's activities (publishes them, confirms who came).
  const { teams, captainOf } = useTeams(staff ? null : user?.communityId);
  const captain = !staff && captainOf.length > 0;
  const allowed = staff || captain;
  const deciding = !!user && !staff && !!user.communityId && teams === null;
  const wholeStreet = !!user?.roles.includes('street_admin');
  const [communities, setCommunities] = useState<{ id: string; name: string }[] | null>(null);
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [items, setItems] = useState<ActivityDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const streetId = user?.streetId ?? null;
  useEffect(() => {
    if (!allowed || !wholeStreet || !streetId) return;
    fetchStreetCommunities(streetId)
      .then((r) => {
        setCommunities(r.items.map((c) => ({ id: c.id, name: c.name })));
        setCommunityId((id) => id ?? r.items[0]?.id ?? null);
      })
      .catch((e) => setError(errorMessage(e)));
  }, [allowed, wholeStreet, streetId]);

  const target = wholeStreet ? communityId : (user?.communityId ?? null);
  const begin = useLatest();
  const load = useCallback(async () => {
    if (!target) return;
    const latest = begin();
    setError(null);
    try {
      const list = (await fetchActivities(target)).items.filter((a) => staff || a.organiser);
      if (latest()) setItems(list.sort((x, y) => x.start.localeCompare(y.start)));
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [target, staff, begin]);
  useEffect(() => {
    setItems(null);
    if (allowed) void load();
  }, [allowed, load]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && allowed) void load();
    shown.current = true;
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (deciding) {
    return (
      <View className={pageClass('page-lg')}>
        <Loading />
      </View>
    );
  }
  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有活动管理权限' : '请先登录'}</View>
          {session && <View className='muted'>社区和街道管理员、志愿服务队队长可以发布和管理志愿服务活动</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }

  const open = (a: ActivityDto) => void Taro.navigateTo({ url: `/packages/activity-admin/detail?id=${encodeURIComponent(a.id)}` });
  return (
    <View className={pageClass('page-lg')} data-testid='activity-admin-list'>
      <Button className='btn' data-testid='aa-new' onClick={() => void Taro.navigateTo({ url: '/packages/activity-admin/new' })}>
        发布活动
      </Button>
      {wholeStreet && communities && (
        <View className='card' style={{ marginTop: '20px' }}>
          <View className='title'>社区</View>
          <View className='row wrap' style={{ marginTop: '16px' }}>
            {communities.map((c) => (
              <View key={c.id} className={`chip ${c.id === communityId ? 'chip-on' : ''}`} data-testid={`aa-community-${c.id}`} onClick={() => setCommunityId(c.id)}>
                {c.name}
              </View>
            ))}
          </View>
        </View>
      )}
      <View className='aa-section'>{captain ? `${captainOf.map((t) => t.name).join('、')}的近期活动` : '近期活动'}</View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <Empty text={captain ? '本队近期没有活动，点“发布活动”发布一个' : '近期没有活动，点“发布活动”发布一个'} />}
      {items?.map((a) => (
        <View key={a.id} className='card aa-item' data-testid='aa-item' onClick={() => open(a)}>
          <View className='row between'>
            <View className='aa-item-title'>{a.title}</View>
            <View className='aa-go'>管理 ›</View>
          </View>
          <View className='aa-line'>{activityTime(a)}</View>
          <View className='aa-line'>{a.place}</View>
          <View className='aa-line aa-muted'>
            已报名 {a.taken}/{a.places} · {rewardText(a.reward)} · {joinersText(a)}
          </View>
        </View>
      ))}
    </View>
  );
}
