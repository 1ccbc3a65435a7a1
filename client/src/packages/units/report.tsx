import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { UnitReportResponse } from '@linli/shared';
import type { z } from 'zod';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../../services/request';
import { fetchUnitReport } from '../../services/units';
import { servedText } from '../../utils/points';
import { quarterOf, quarterText, UNIT_STAFF } from './quarter';
import './units.css';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

type Report = z.output<typeof UnitReportResponse>;
type Row = Report['items'][number];

function Cell({ k, testid, wide, children }: { k: string; testid: string; wide?: boolean; children: string }) {
  return (
    <View className={`ur-cell ${wide ? 'ur-cell-wide' : ''}`}>
      <View className='ur-k'>{k}</View>
      <View className='ur-v' data-testid={testid}>
        {children}
      </View>
    </View>
  );
}

/** One unit's line of the table: its name, then 成员, 服务人数, 积分 and 时长 side by side. */
function UnitRow({ row: r, total }: { row: Row; total?: boolean }) {
  return (
    <View className={`card ${total ? 'ur-total' : ''}`} data-testid={total ? 'ur-total' : 'ur-row'}>
      <View className='un-name' data-testid='ur-name'>
        {r.name}
      </View>
      <View className='ur-cells'>
        <Cell k='成员' testid='ur-members'>{`${r.members} 人`}</Cell>
        <Cell k='服务人数' testid='ur-serving'>{`${r.serving} 人`}</Cell>
        <Cell k='积分' testid='ur-points'>{`${r.points} 分`}</Cell>
        <Cell k='时长' testid='ur-minutes' wide>
          {servedText(r.minutes)}
        </Cell>
      </View>
    </View>
  );
}

/**
 * 共建单位服务情况 (community staff): this quarter's (or the last one's) service per unit — how many
 * members reported in, how many of them served, their points and hours in the community — most
 * hours first, with the community's total; an empty quarter is said in words.
 */
export default function UnitReportPage() {
  const { params } = useRouter();
  const { session, goLogin } = useSession();
  const user = session?.user;
  const staff = !!user && user.roles.some((r) => UNIT_STAFF.includes(r));
  const communityId = params.communityId ? decodeURIComponent(params.communityId) : (user?.communityId ?? null);
  const [back, setBack] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const begin = useLatest();
  const load = useCallback(async () => {
    if (!communityId) return setError('请先在“共建单位”里选择社区');
    const latest = begin();
    setError(null);
    try {
      const fresh = await fetchUnitReport(communityId, quarterOf(back));
      if (latest()) setReport(fresh);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [communityId, back, begin]);
  const token = session?.token;
  useEffect(() => {
    setReport(null);
    if (token && staff) void load();
  }, [token, staff, load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session || !staff) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '只有社区工作人员可以查看' : '请先登录'}</View>
          {session && <View className='muted'>社区和街道管理员可以查看各共建单位的服务情况</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }

  const items = report?.items ?? [];
  const quiet = report !== null && items.length > 0 && items.every((r) => r.points === 0 && r.minutes === 0);
  const total: Row = {
    unitId: 'total', name: `合计 ${items.length} 个单位`,
    members: items.reduce((s, r) => s + r.members, 0), serving: items.reduce((s, r) => s + r.serving, 0),
    points: items.reduce((s, r) => s + r.points, 0), minutes: items.reduce((s, r) => s + r.minutes, 0),
  };
  return (
    <View className={pageClass('page-lg')} data-testid='unit-report'>
      <View className='card'>
        <View className='ur-quarter' data-testid='ur-quarter'>
          {quarterText(report?.quarter ?? quarterOf(back))}
        </View>
        <View className='ur-how'>成员报到后，在本社区参加志愿服务所得的积分和时长按单位汇总；服务人数是这个季度有服务记录的成员。</View>
        <View className='row wrap un-chips'>
          {['本季度', '上季度'].map((label, i) => (
            <View key={label} className={`chip ${back === i ? 'chip-on' : ''}`} data-testid={`ur-quarter-${i}`} onClick={() => setBack(i)}>
              {label}
            </View>
          ))}
        </View>
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !report && <Loading />}
      {report && items.length === 0 && <Empty text='本社区还没有登记共建单位' />}
      {quiet && (
        <View className='card banner' data-testid='ur-quiet'>
          <Text>这个季度各单位成员还没有服务记录。</Text>
        </View>
      )}
      {items.map((r) => (
        <UnitRow key={r.unitId} row={r} />
      ))}
      {items.length > 1 && <UnitRow row={total} total />}
    </View>
  );
}
