import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { CompanyFigures, PropertyBoardResponse } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { chinaToday } from '../../utils/booking-time';
import { pageClass } from '../../services/care';
import { fetchPropertyBoard } from '../../services/grid-team';
import { errorMessage } from '../../services/request';
import { fetchCommunities } from '../../services/requests';
import { getSession } from '../../services/session';
import '../grid-team/team.css';
import { useLatest } from '../../hooks/useLatest';

const PERIODS = [
  { key: 'month', label: '本月', from: (today: string) => `${today.slice(0, 8)}01` },
  { key: 'year', label: '本年', from: (today: string) => `${today.slice(0, 5)}01-01` },
] as const;
const percent = (r: number | null) => (r === null ? '暂无' : `${Math.round(r * 1000) / 10}%`);

/**
 * 物业红黑榜 (community staff): every property company serving the community side by side, best
 * first — 按时办结率, 办结率, 满意率 from each company's own figures; the best marked 红榜, the worst 黑榜.
 */
export default function PropertyBoardPage() {
  const { session } = useSession();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]['key']>('year');
  const [board, setBoard] = useState<PropertyBoardResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const begin = useLatest();
  const load = useCallback(async (p = period) => {
    const latest = begin();
    setError(null);
    try {
      const { items } = await fetchCommunities();
      const community = items[0];
      if (!community) throw new Error('没有可查看的社区');
      const today = chinaToday();
      const fresh = await fetchPropertyBoard(community.id, PERIODS.find((x) => x.key === p)!.from(today), today);
      if (latest()) setBoard(fresh);
    } catch (e) {
      if (latest()) setError(e instanceof Error && !('status' in e) ? e.message : errorMessage(e));
    }
  }, [period, begin]);
  useDidShow(() => {
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session) return <SignInFirst />;
  const mark = (c: CompanyFigures) => (c.companyId === board?.best ? '红榜' : c.companyId === board?.worst ? '黑榜' : null);
  return (
    <View className={pageClass('page-lg')} data-testid='property-board-page'>
      <View className='gt-chips'>
        {PERIODS.map((p) => (
          <View key={p.key} className={`chip ${period === p.key ? 'chip-on' : ''}`} data-testid={`period-${p.key}`} onClick={() => (setPeriod(p.key), void load(p.key))}>
            {p.label}
          </View>
        ))}
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !board && <Loading />}
      {board && board.items.length === 0 && <Empty text='本社区还没有物业公司' />}
      {board?.items.map((c, i) => {
        const m = mark(c);
        return (
          <View key={c.companyId} className={`card ${m === '红榜' ? 'gt-red' : m === '黑榜' ? 'gt-black' : ''}`} data-testid='board-company'>
            <View className='row between'>
              <Text className='gt-rank'>{`第 ${i + 1} 名 · ${c.name}`}</Text>
              {m && <Text className={`tag ${m === '红榜' ? 'tag-paused' : 'tag-closed'}`} data-testid='board-mark'>{m}</Text>}
            </View>
            <View className='gt-line'>
              <Text className='gt-key'>服务小区：</Text>
              {c.compounds.join('、')}
            </View>
            <View className='gt-figures'>
              <View className='gt-figure'>
                <Text className='gt-figure-value'>{percent(c.onTimeRate)}</Text>按时办结率
              </View>
              <View className='gt-figure'>
                <Text className='gt-figure-value'>{percent(c.resolutionRate)}</Text>办结率
              </View>
              <View className='gt-figure'>
                <Text className='gt-figure-value'>{percent(c.satisfactionRate)}</Text>满意率
              </View>
            </View>
            <View className='gt-line'>{`受理 ${c.filed} 件 · 办结 ${c.resolved} 件 · 退单 ${c.refused} 件 · 评价 ${c.rated} 次`}</View>
          </View>
        );
      })}
      {board && board.items.length > 0 && <View className='muted'>排名按三项比率的平均；有两家以上可比时标出红榜、黑榜。</View>}
    </View>
  );
}
