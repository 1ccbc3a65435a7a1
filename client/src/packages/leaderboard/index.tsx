import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { LeaderboardResponse } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { ToggleRow } from '../../components/ToggleRow';
import { useSession } from '../../hooks/useSession';
import { useTeams } from '../../hooks/useTeams';
import { errorMessage } from '../../services/request';
import { fetchLeaderboard, setBoardPreference } from '../../services/volunteer-service';
import { chinaToday } from '../../utils/booking-time';
import { servedText } from '../../utils/points';
import './index.css';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

type Row = LeaderboardResponse['items'][number];

/** This quarter (China time) as the API writes it, e.g. 2026Q4; `back` quarters earlier. */
function quarterOf(back = 0): string {
  const today = chinaToday();
  const q = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) - back;
  return `${Math.floor(q / 4)}Q${(q % 4) + 1}`;
}
/** 2026Q4 → 2026年第4季度. */
const quarterText = (q: string): string => `${q.slice(0, 4)}年第${q.slice(5)}季度`;

function BoardRow({ row }: { row: Row }) {
  return (
    <View className={`lb-row ${row.me ? 'lb-row-me' : ''}`} data-testid='lb-row' data-me={row.me ? 'yes' : 'no'}>
      <View className={`lb-rank ${row.rank <= 3 ? 'lb-rank-top' : ''}`} data-testid='lb-rank'>
        {row.rank}
      </View>
      <View className='lb-main'>
        <View className='lb-name'>
          <Text data-testid='lb-name'>{row.name}</Text>
          {row.me && <Text className='lb-me-tag'>我</Text>}
        </View>
        <View className='lb-hours' data-testid='lb-hours'>{`服务 ${servedText(row.minutes)}`}</View>
      </View>
      <View className='lb-points' data-testid='lb-points'>
        {row.points}
        <Text className='lb-unit'>分</Text>
      </View>
    </View>
  );
}

/**
 * 积分榜: my community's (or my team's) volunteers this quarter (or the last), ranked by the points
 * they earned for service, then by hours; my row marked 我 and said again on top when I am below
 * the first 50. A switch hides my name on every board (others see 志愿者).
 */
export default function LeaderboardPage() {
  const { params } = useRouter();
  const { session } = useSession();
  const user = session?.user;
  const { teams } = useTeams(user?.communityId);
  const [teamId, setTeamId] = useState<string | null>(params.teamId ?? null);
  const [back, setBack] = useState(0);
  const [board, setBoard] = useState<LeaderboardResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const begin = useLatest();
  const load = useCallback(async () => {
    const latest = begin();
    setError(null);
    try {
      const fresh = await fetchLeaderboard({ teamId: teamId ?? undefined, quarter: quarterOf(back) });
      if (latest()) setBoard(fresh);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [teamId, back, begin]);
  const token = session?.token;
  useEffect(() => {
    setBoard(null);
    if (token) void load();
  }, [token, load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const hide = async (on: boolean) => {
    setSaving(true);
    setSaveError(null);
    try {
      await setBoardPreference(on);
      await load();
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (!session) return <SignInFirst title='登录后查看积分榜' />;

  const myTeams = (teams ?? []).filter((t) => t.mine);
  const mineBelow = board?.mine && !board.items.some((r) => r.me) ? board.mine : null;
  return (
    <View className={pageClass('page-lg')} data-testid='leaderboard-page'>
      <View className='card'>
        <View className='lb-quarter' data-testid='lb-quarter'>
          {board ? quarterText(board.quarter) : quarterText(quarterOf(back))}
          {teamId ? ` · ${myTeams.find((t) => t.id === teamId)?.name ?? '本队'}` : ' · 本社区'}
        </View>
        <View className='lb-how'>按本季度参加志愿服务所得积分排名，积分相同时服务时间长的在前。</View>
        <View className='row wrap lb-chips'>
          {['本季度', '上季度'].map((label, i) => (
            <View key={label} className={`chip ${back === i ? 'chip-on' : ''}`} data-testid={`lb-quarter-${i}`} onClick={() => setBack(i)}>
              {label}
            </View>
          ))}
        </View>
        {myTeams.length > 0 && (
          <View className='row wrap'>
            <View className={`chip ${teamId === null ? 'chip-on' : ''}`} data-testid='lb-scope-community' onClick={() => setTeamId(null)}>
              本社区
            </View>
            {myTeams.map((t) => (
              <View key={t.id} className={`chip ${teamId === t.id ? 'chip-on' : ''}`} data-testid={`lb-scope-${t.id}`} onClick={() => setTeamId(t.id)}>
                {t.name}
              </View>
            ))}
          </View>
        )}
      </View>
      {board && (
        <View className='lb-toggle'>
          <ToggleRow
            on={board.hidden}
            busy={saving}
            testid='lb-hide'
            title='在积分榜上隐藏我的姓名'
            sub={board.hidden ? '已隐藏：其他人看到的是“志愿者”' : '打开后，其他人看到的是“志愿者”'}
            onChange={(on) => void hide(on)}
          />
          {saveError && <ErrorState message={saveError} />}
        </View>
      )}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !board && <Loading />}
      {mineBelow && (
        <View className='card lb-mine' data-testid='lb-mine'>
          我排第<Text className='lb-mine-num'>{mineBelow.rank}</Text>名 · {mineBelow.points} 分 · 服务 {servedText(mineBelow.minutes)}
        </View>
      )}
      {board && board.items.length === 0 && <Empty text='这个季度还没有人获得志愿服务积分' />}
      {board && board.items.length > 0 && (
        <View className='card' data-testid='lb-list'>
          {board.items.map((r) => (
            <BoardRow key={`${r.rank}-${r.name}`} row={r} />
          ))}
        </View>
      )}
    </View>
  );
}
