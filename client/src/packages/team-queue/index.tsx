import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { TeamQueueItem, TeamQueueResponse } from '@linli/shared';
import { RequestCard } from '../../components/RequestCard';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { pageClass } from '../../services/care';
import { claimRequest, fetchTeamQueue } from '../../services/grid-team';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import '../grid-team/team.css';

/**
 * 团队待办: the items of every grid I cover (of my specialties), nearest deadline first. 认领 takes
 * one at once (no confirmation: it can be refused back later); who was quicker is said in words.
 * A claimed item opens to be accepted and resolved as the grid worker does.
 */
export default function TeamQueuePage() {
  const { session } = useSession();
  const [data, setData] = useState<TeamQueueResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ id: string; text: string; ok: boolean } | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await fetchTeamQueue());
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useDidShow(() => {
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const open = (id: string) => void Taro.navigateTo({ url: `/packages/request-detail/index?id=${encodeURIComponent(id)}` });
  const claim = async (item: TeamQueueItem) => {
    setBusy(item.id);
    setNote(null);
    try {
      await claimRequest(item.id, item.version);
      setNote({ id: item.id, text: '已认领，请尽快受理办理', ok: true });
    } catch (e) {
      setNote({ id: item.id, text: errorMessage(e), ok: false });
    } finally {
      setBusy(null);
      void load();
    }
  };

  if (!session) return <SignInFirst />;

  return (
    <View className={pageClass('page-lg')} data-testid='team-queue-page'>
      {data && (
        <View className='card'>
          <View className='gt-line'>
            <Text className='gt-key'>负责网格：</Text>
            {data.grids.map((g) => g.name).join('、') || '无'}
          </View>
          <View className='gt-line'>
            <Text className='gt-key'>专长：</Text>
            {data.specialties.length ? data.specialties.join('、') : '全部事项'}
          </View>
        </View>
      )}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !data && <Loading />}
      {data && data.items.length === 0 && <Empty text='团队暂无待办事项' />}
      {data?.items.map((item) => (
        <View key={item.id} data-testid='team-item'>
          <RequestCard item={item} onOpen={open} />
          <View className='gt-claim-row'>
            {item.assigneeId === null ? (
              <Button className='btn gt-claim' data-testid='claim' loading={busy === item.id} disabled={!!busy || undefined} onClick={() => void claim(item)}>
                认领
              </Button>
            ) : (
              <Text className={`tag ${item.mine ? 'tag-open' : 'tag-closed'}`} data-testid='claimed-tag'>
                {item.mine ? '我已认领' : '已被其他队员认领'}
              </Text>
            )}
          </View>
          {note?.id === item.id && (
            <View className={note.ok ? 'gt-note' : 'gt-problem'} data-testid='claim-note'>
              {note.text}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
