import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { TeamDto } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { fetchTeams, joinTeam, removeTeamMember } from '../../services/teams';
import './teams.css';
import { pageClass } from '../../services/care';

const membersUrl = (t: TeamDto) => `/packages/teams/members?id=${encodeURIComponent(t.id)}`;

function TeamCard({ team: t, userId, onChanged }: { team: TeamDto; userId: string; onChanged: (t: TeamDto, note: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const join = async () => {
    const { confirm } = await Taro.showModal({
      title: `加入「${t.name}」`,
      content: `加入后，队长${t.captainName}会在队员名单里看到您的姓名，您可以报名本队的活动。以后可以随时退出。`,
      confirmText: '加入',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    setProblem(null);
    try {
      onChanged((await joinTeam(t.id)).team, `已加入「${t.name}」`);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const leave = async () => {
    const { confirm } = await Taro.showModal({
      title: `退出「${t.name}」`,
      content: '退出后不能再报名仅限本队队员的活动。以后还可以重新加入。',
      confirmText: '退出',
      cancelText: '不退出',
    });
    if (!confirm) return;
    setBusy(true);
    setProblem(null);
    try {
      onChanged((await removeTeamMember(t.id, userId)).team, `已退出「${t.name}」`);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='team-card' data-id={t.id}>
      <View className='tm-head'>
        <View className='tm-name' data-testid='team-name'>
          {t.name}
        </View>
        {t.captain ? (
          <Text className='tag tag-warn' data-testid='team-status'>
            我是队长
          </Text>
        ) : (
          t.mine && (
            <Text className='tag tag-open' data-testid='team-status'>
              已加入
            </Text>
          )
        )}
      </View>
      {t.description && <View className='tm-desc'>{t.description}</View>}
      <View className='tm-line' data-testid='team-captain'>
        <Text className='tm-key'>队长：</Text>
        {t.captainName || '（暂缺）'}
      </View>
      <View className='tm-line' data-testid='team-members'>
        <Text className='tm-key'>队员：</Text>
        {`${t.members} 人`}
      </View>
      {problem && <ErrorState message={problem} />}
      {!t.mine ? (
        <Button className='btn' data-testid='team-join' loading={busy} disabled={busy || undefined} onClick={() => void join()}>
          加入
        </Button>
      ) : (
        <View className='tm-actions'>
          <Button className={t.captain ? 'btn' : 'btn-plain'} data-testid='team-open-members' onClick={() => void Taro.navigateTo({ url: membersUrl(t) })}>
            {t.captain ? '管理队员' : '队员名单'}
          </Button>
          {t.captain ? (
            <Button className='btn-plain' data-testid='team-board' onClick={() => void Taro.navigateTo({ url: `/packages/leaderboard/index?teamId=${encodeURIComponent(t.id)}` })}>
              本队积分榜
            </Button>
          ) : (
            <Button className='btn-danger' data-testid='team-leave' loading={busy} disabled={busy || undefined} onClick={() => void leave()}>
              退出
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

/**
 * 志愿服务队: the teams of my community (e.g. 银龄互助), each with its captain and how many are in
 * it; 加入 and 退出 each ask first and the answer shows on the page. A member opens the member
 * list; the captain manages it (移出) and opens his team's board.
 */
export default function TeamsPage() {
  const { session } = useSession();
  const [items, setItems] = useState<TeamDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchTeams()).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useDidShow(() => {
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session) return <SignInFirst title='登录后查看志愿服务队' />;

  const changed = (t: TeamDto, words: string) => {
    setItems((list) => list?.map((x) => (x.id === t.id ? t : x)) ?? null);
    setNote(words);
  };
  return (
    <View className={pageClass('page-lg')} data-testid='teams-page'>
      <View className='card tm-intro'>本社区的志愿服务队由社区成立、队长带领。加入后可以报名本队的活动，服务所得积分同样记入个人账户。</View>
      {note && (
        <View className='tm-note' data-testid='teams-note' style={{ marginBottom: '20px' }}>
          {note}
        </View>
      )}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !items && <Loading />}
      {items && items.length === 0 && <Empty text='本社区还没有志愿服务队' />}
      {items?.map((t) => (
        <TeamCard key={t.id} team={t} userId={session.user.id} onChanged={changed} />
      ))}
    </View>
  );
}
