import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, type ApplicationDto, type CommunityDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../../services/request';
import { fetchCommunities } from '../../services/requests';
import { fetchApplications } from '../../services/riders';
import { ApplicationRow } from './ApplicationRow';
import { pageClass } from '../../services/care';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { useLatest } from '../../hooks/useLatest';

type Status = ApplicationDto['status'];
type Filter = Status | 'all';
type Community = z.infer<typeof CommunityDto>;
const FILTERS: Filter[] = [...APPLICATION_STATUSES, 'all'];
const filterLabel = (f: Filter) => (f === 'all' ? '全部' : APPLICATION_STATUS_LABELS[f]);

/**
 * 兼职网格员申请 (community and street admins): riders' applications to help a grid, 待审核 first;
 * 通过 appoints at once (revoked in 人员邀请), 不通过 ends the application. A street admin picks
 * the community first (the API lists one community at a time).
 */
export default function ApplicationsPage() {
  const { session, goLogin } = useSession();
  const roles = session?.user.roles ?? [];
  const isStreetAdmin = roles.includes('street_admin') && !roles.includes('community_admin');
  const allowed = roles.includes('community_admin') || roles.includes('street_admin');
  const [filter, setFilter] = useState<Filter>('pending');
  const [communities, setCommunities] = useState<Community[] | null>(null);
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [items, setItems] = useState<ApplicationDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const begin = useLatest();
  const load = useCallback(async () => {
    const latest = begin();
    setError(null);
    try {
      if (isStreetAdmin && !communityId) {
        const { items: list } = await fetchCommunities();
        if (!latest()) return;
        setCommunities(list);
        if (list[0]) setCommunityId(list[0].id); // loads again with it
        else setItems([]);
        return;
      }
      const q = { ...(filter === 'all' ? {} : { status: filter }), ...(isStreetAdmin && communityId ? { communityId } : {}) };
      const { items: fresh } = await fetchApplications(q);
      if (latest()) setItems(fresh);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [filter, communityId, isStreetAdmin, begin]);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);
  usePullToRefresh(load);

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有审核权限' : '请先登录'}</View>
          {session && <View className='muted'>社区、街道工作人员可以审核骑手的兼职网格员申请</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }

  const choose = (next: { filter?: Filter; communityId?: string }) => {
    setItems(null);
    if (next.filter) setFilter(next.filter);
    if (next.communityId) setCommunityId(next.communityId);
  };
  // A decided one stays in place with its new status until the list is read again.
  const decided = (a: ApplicationDto) => setItems((list) => list?.map((x) => (x.id === a.id ? a : x)) ?? null);

  return (
    <View className={pageClass('page-lg')} data-testid='applications-page'>
      {isStreetAdmin && communities && communities.length > 1 && (
        <View className='card'>
          <View className='title'>社区</View>
          <View className='row wrap' style={{ marginTop: '16px' }}>
            {communities.map((c) => (
              <View key={c.id} className={`chip ${communityId === c.id ? 'chip-on' : ''}`} data-testid={`community-${c.id}`} onClick={() => choose({ communityId: c.id })}>
                {c.name}
              </View>
            ))}
          </View>
        </View>
      )}
      <View className='card' data-testid='application-list'>
        <View className='title'>骑手申请担任兼职网格员</View>
        <View className='muted'>通过后立即上岗，可在“人员邀请”的邀请记录中撤销</View>
        <View className='row wrap' style={{ marginTop: '16px' }}>
          {FILTERS.map((f) => (
            <View key={f} className={`chip ${filter === f ? 'chip-on' : ''}`} data-testid={`filter-${f}`} onClick={() => f !== filter && choose({ filter: f })}>
              {filterLabel(f)}
            </View>
          ))}
        </View>
        {error && <ErrorState message={error} onRetry={() => void load()} />}
        {!items && !error && <Loading />}
        {items && items.length === 0 && <Empty text={filter === 'all' ? '还没有骑手申请' : `没有${filterLabel(filter)}的申请`} />}
        {items?.map((a) => <ApplicationRow key={a.id} application={a} onDecided={decided} onStale={() => void load()} />)}
      </View>
    </View>
  );
}
