import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { TeamDto } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { fetchTeam, fetchTeamMembers, removeTeamMember } from '../../services/teams';
import { chinaToday, monthDay } from '../../utils/booking-time';
import './teams.css';
import { pageClass } from '../../services/care';

interface Member {
  userId: string;
  name: string;
  joinedAt: string;
}

/**
 * 队员名单 of a team: everyone in it with the day he joined, the captain first. The captain (and
 * community staff) may take a member out (移出, after a confirmation); the answer shows on the page.
 */
export default function TeamMembersPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { session } = useSession();
  const [team, setTeam] = useState<TeamDto | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [one, list] = await Promise.all([fetchTeam(id), fetchTeamMembers(id)]);
      setTeam(one.team);
      setMembers(list.items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => {
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session) return <SignInFirst />;

  const roles = session.user.roles;
  const manages = !!team && (team.captain || roles.includes('community_admin') || roles.includes('street_admin'));
  const remove = async (m: Member) => {
    if (!team) return;
    const { confirm } = await Taro.showModal({
      title: '移出队员',
      content: `把${m.name}移出「${team.name}」？移出后他不能再报名仅限本队队员的活动，他可以自己重新加入。`,
      confirmText: '移出',
      cancelText: '不移出',
    });
    if (!confirm) return;
    setBusy(m.userId);
    setProblem(null);
    setNote(null);
    try {
      const { team: next } = await removeTeamMember(team.id, m.userId);
      setTeam((t) => (t ? { ...t, members: next.members } : t));
      setMembers((list) => list?.filter((x) => x.userId !== m.userId) ?? null);
      setNote(`已把${m.name}移出本队`);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const captainId = team?.captainId;
  const sorted = members ? [...members].sort((a, b) => Number(b.userId === captainId) - Number(a.userId === captainId) || a.joinedAt.localeCompare(b.joinedAt)) : null;
  return (
    <View className={pageClass('page-lg')} data-testid='team-members-page'>
      {team && (
        <View className='card'>
          <View className='tm-name'>{team.name}</View>
          <View className='tm-line'>
            <Text className='tm-key'>队长：</Text>
            {team.captainName}
            <Text className='tm-key' style={{ marginLeft: '24px' }}>{`共 ${team.members} 人`}</Text>
          </View>
        </View>
      )}
      {note && (
        <View className='tm-note' data-testid='members-note' style={{ marginBottom: '20px' }}>
          {note}
        </View>
      )}
      {problem && <ErrorState message={problem} />}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !sorted && <Loading />}
      {sorted && sorted.length === 0 && <Empty text='还没有队员' />}
      {sorted && sorted.length > 0 && (
        <View className='card' data-testid='team-member-list'>
          {sorted.map((m) => {
            const isCaptain = m.userId === captainId;
            return (
              <View key={m.userId} className='tm-member' data-testid='team-member'>
                <View className='tm-member-main'>
                  <View className='tm-member-name'>
                    {m.name}
                    {isCaptain && <Text className='tag tag-warn' style={{ marginLeft: '16px' }}>队长</Text>}
                  </View>
                  <View className='tm-member-sub'>{`${monthDay(chinaToday(Date.parse(m.joinedAt)))} 加入`}</View>
                </View>
                {manages && !isCaptain && (
                  <Button className='btn-danger tm-remove' data-testid='team-remove' loading={busy === m.userId} disabled={!!busy || undefined} onClick={() => void remove(m)}>
                    移出
                  </Button>
                )}
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
