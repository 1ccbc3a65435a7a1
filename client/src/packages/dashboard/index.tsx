import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Fragment, useCallback, useState } from 'react';
import { CommunitiesResponse, evaluationWords, MetricsResponse, percentWords, rateWords, StreetMetricsResponse } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { api, errorMessage, type Out } from '../../services/request';
import { getSession } from '../../services/session';
import { pageClass } from '../../services/care';
import { Rates, Stat, UnitHead, UnitRow } from './Figures';
import { MeasuresCard } from './Measures';
import './dashboard.css';
import { useLatest } from '../../hooks/useLatest';

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
/** The last 30 days, today included (China dates). */
const period = () => ({ from: shanghaiDay(new Date(Date.now() - 29 * 86400_000)), to: shanghaiDay(new Date()) });

/** 全街道 (a street admin's first view) or one community. */
type Scope = { kind: 'street'; streetId: string } | { kind: 'community'; communityId: string };
type Shown = { kind: 'street'; m: StreetMetricsResponse } | { kind: 'community'; m: MetricsResponse };

function Period({ from, to }: { from: string; to: string }) {
  return (
    <View className='muted'>
      {from} 至 {to}（近 30 天）
    </View>
  );
}

/** A street's figures: its own (the sums of its communities'), then each community side by side. */
function StreetView({ m }: { m: StreetMetricsResponse }) {
  return (
    <>
      <View className='card' data-testid='dashboard-street'>
        <View className='h1'>{m.streetName}</View>
        <Period from={m.from} to={m.to} />
        <Rates m={m} />
      </View>
      <MeasuresCard m={m} goal={m.resolutionGoal} />
      <View className='card'>
        <View className='title'>各社区</View>
        <UnitHead unit='社区' />
        <UnitRow name='全街道' m={m} total testid='dashboard-street-total' />
        {m.communities.map((c) => (
          <UnitRow key={c.communityId} name={c.name} m={c} testid='dashboard-community' />
        ))}
        {m.communities.length === 0 && <Empty text='本街道还没有社区' />}
      </View>
      <Departments items={m.departments} />
      <View className='card'>
        <View className='title'>高频事项</View>
        {m.topCategories.length === 0 && <Empty text='本期没有事项' />}
        {m.topCategories.map((c) => (
          <View key={c.categoryId} className='row between' style={{ marginTop: '8px' }}>
            <Text>{c.name}</Text>
            <Text className='muted'>{c.count} 件</Text>
          </View>
        ))}
      </View>
    </>
  );
}

/** The departments' figures (the lead department of each dispatched item) and the grids' evaluation of them. */
function Departments({ items }: { items: MetricsResponse['departments'] }) {
  const worked = items.filter((d) => d.measures.counts.due > 0 || d.measures.evaluations.units.count > 0 || d.openNow.total > 0);
  return (
    <View className='card'>
      <View className='title'>各部门</View>
      {worked.length === 0 && <Empty text='本期没有派往部门的事项' />}
      {worked.length > 0 && <UnitHead unit='部门' count='牵头办理' />}
      {worked.map((d) => (
        <UnitRow key={d.departmentId} name={d.name} m={d} count={d.measures.counts.due} testid='dashboard-department' evaluated='units' />
      ))}
    </View>
  );
}

/** A community's figures, its grids and its compounds' property staff. */
function CommunityView({ m }: { m: MetricsResponse }) {
  return (
    <>
      <View className='card'>
        <View className='h1'>{m.communityName}</View>
        <Period from={m.from} to={m.to} />
        <Rates m={m} />
      </View>
      <MeasuresCard m={m} goal={m.resolutionGoal} />
      <View className='card'>
        <View className='title'>事项数量</View>
        <View className='db-stats'>
          <Stat label='新反映' value={String(m.totals.filed)} />
          <Stat label='已受理' value={String(m.totals.accepted)} />
          <Stat label='已办结' value={String(m.totals.resolved)} />
          <Stat label='上报' value={String(m.totals.escalated)} />
          <Stat label='退单' value={String(m.totals.refused)} />
          <Stat label='重新办理' value={String(m.totals.reopened)} />
          {m.properties.length > 0 && <Stat label='在办·物业' value={String(m.openNow.byLevel.property)} />}
          <Stat label='在办·网格' value={String(m.openNow.byLevel.grid)} />
          <Stat label='在办·社区' value={String(m.openNow.byLevel.community)} />
          <Stat label='在办·街道/部门' value={String(m.openNow.byLevel.street + m.openNow.byLevel.department)} />
        </View>
      </View>
      <View className='card'>
        <View className='title'>高频事项</View>
        {m.topCategories.length === 0 && <Empty text='本期没有事项' />}
        {m.topCategories.map((c) => (
          <View key={c.categoryId} className='row between' style={{ marginTop: '8px' }}>
            <Text>{c.name}</Text>
            <Text className='muted'>{c.count} 件</Text>
          </View>
        ))}
      </View>
      <View className='card'>
        <View className='title'>各网格</View>
        <UnitHead unit='网格' />
        {m.grids.map((g) => (
          <UnitRow key={g.gridId} name={g.name} m={g} testid='dashboard-grid' evaluated='grid' />
        ))}
      </View>
      {m.properties.length > 0 && (
        <View className='card'>
          <View className='title'>各小区物业</View>
          {m.properties.map((p) => (
            <Fragment key={p.compound}>
            <View style={{ marginTop: '16px' }} data-testid='dashboard-property'>
              <View className='row between wrap'>
                <Text>{p.compound}物业</Text>
                <Text className='muted'>
                  {p.totals.filed} 件 · 按时办结 {rateWords(p.rates.onTimeResolve)} · 满意 {rateWords(p.rates.satisfaction)}
                </Text>
              </View>
              <View className='muted'>
                在办 {p.openNow.total} 件，超期 {p.openNow.overdue} 件，退单 {p.totals.refused} 次
              </View>
            </View>
            <View className='muted' data-testid='dashboard-property-measures'>
              办结率 {percentWords(p.measures.rates.closure)} · 解决率 {percentWords(p.measures.rates.resolution)} · 满意率{' '}
              {percentWords(p.measures.rates.satisfaction)} · 网格评价 {evaluationWords(p.measures.evaluations.units)}
            </View>
            </Fragment>
          ))}
        </View>
      )}
      <Departments items={m.departments} />
    </>
  );
}

/**
 * The measures of the loop over the last 30 days: a street admin first sees the whole street (its
 * communities side by side, and the street's sums), and may open one community; community staff
 * see their community. Durations read as a person says them (45 分钟, 3.5 小时, 2 天).
 */
export default function DashboardPage() {
  const user = getSession()?.user;
  const [scope, setScope] = useState<Scope | null>(() =>
    user?.roles.includes('street_admin') && user.streetId
      ? { kind: 'street', streetId: user.streetId }
      : user?.communityId
        ? { kind: 'community', communityId: user.communityId }
        : null,
  );
  const [shown, setShown] = useState<Shown | null>(null);
  /** The street's communities, to open one (a street admin). */
  const [communities, setCommunities] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);

  // The street or another community opened before one's figures came: they are not shown under it.
  const begin = useLatest();
  const load = useCallback(
    async (at: Scope | null = scope) => {
      const latest = begin();
      setError(null);
      try {
        let target = at;
        if (!target) {
          // Someone placed in no community nor street: the first community he oversees.
          const list = (await api<Out<typeof CommunitiesResponse>>('GET', '/communities')).items;
          if (!latest()) return;
          if (!list[0]) return setError('没有可查看的社区');
          target = { kind: 'community', communityId: list[0].id };
          setScope(target);
        }
        if (target.kind === 'street') {
          const m = await api<Out<typeof StreetMetricsResponse>>('GET', `/streets/${encodeURIComponent(target.streetId)}/metrics`, { query: period() });
          if (!latest()) return;
          setCommunities(m.communities.map((c) => ({ id: c.communityId, name: c.name })));
          setShown({ kind: 'street', m });
        } else {
          const m = await api<Out<typeof MetricsResponse>>('GET', `/communities/${encodeURIComponent(target.communityId)}/metrics`, { query: period() });
          if (latest()) setShown({ kind: 'community', m });
        }
      } catch (e) {
        if (latest()) setError(errorMessage(e));
      } finally {
        Taro.stopPullDownRefresh();
      }
    },
    [scope, begin],
  );
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  const open = (next: Scope) => {
    setScope(next);
    setShown(null);
    void load(next);
  };

  if (error) return <View className={pageClass()}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!shown) return <View className={pageClass()}><Loading /></View>;
  const streetId = user?.roles.includes('street_admin') ? user.streetId : null;
  return (
    <View className={pageClass()} data-testid='dashboard'>
      {streetId && communities.length > 0 && (
        <View className='row wrap'>
          <View className={`chip ${scope?.kind === 'street' ? 'chip-on' : ''}`} data-testid='scope-street' onClick={() => open({ kind: 'street', streetId })}>
            全街道
          </View>
          {communities.map((c) => (
            <View
              key={c.id}
              className={`chip ${scope?.kind === 'community' && scope.communityId === c.id ? 'chip-on' : ''}`}
              data-testid={`scope-${c.id}`}
              onClick={() => open({ kind: 'community', communityId: c.id })}
            >
              {c.name}
            </View>
          ))}
        </View>
      )}
      {shown.m.calendarWarning && (
        <View className='banner' role='alert' data-testid='calendar-warning'>
          {shown.m.calendarWarning}
        </View>
      )}
      {shown.kind === 'street' ? <StreetView m={shown.m} /> : <CommunityView m={shown.m} />}
    </View>
  );
}
