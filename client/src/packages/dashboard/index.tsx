import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { CommunitiesResponse, MetricsResponse } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { api, errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { pageClass } from '../../services/care';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, unit = '') => (x === null ? '—' : `${x}${unit}`);
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <View style={{ width: '33%', marginBottom: '20px' }}>
      <View style={{ fontSize: '40px', fontWeight: 700, color: warn ? '#c8372d' : '#222' }}>{value}</View>
      <View className='muted'>{label}</View>
    </View>
  );
}

/** The community's measures of the loop (community and street staff). */
export default function DashboardPage() {
  const [m, setM] = useState<MetricsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = getSession()?.user;

  const [communities, setCommunities] = useState<{ id: string; name: string }[]>([]);
  const [selected, setSelected] = useState<string | null>(user?.communityId ?? null);

  const load = useCallback(async () => {
    let communityId = selected;
    if (!communityId) {
      try {
        const list = (await api('GET', '/communities', CommunitiesResponse)).items;
        setCommunities(list);
        communityId = list[0]?.id ?? null;
        setSelected(communityId);
      } catch (e) {
        setError(errorMessage(e));
        return;
      }
    }
    if (!communityId) return setError('没有可查看的社区');
    const to = shanghaiDay(new Date());
    const from = shanghaiDay(new Date(Date.now() - 29 * 86400_000));
    try {
      setM(await api('GET', `/communities/${communityId}/metrics`, MetricsResponse, { query: { from, to } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [selected]);
  useDidShow(() => void load());
  useEffect(() => {
    if (selected && !m) void load();
  }, [selected, m, load]);

  if (error) return <View className={pageClass()}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!m) return <View className={pageClass()}><Loading /></View>;
  return (
    <View className={pageClass()} data-testid='dashboard'>
      {communities.length > 1 && (
        <View className='row wrap'>
          {communities.map((c) => (
            <View key={c.id} className={`chip ${c.id === selected ? 'chip-on' : ''}`} onClick={() => { setM(null); setSelected(c.id); }}>
              {c.name}
            </View>
          ))}
        </View>
      )}
      {m.calendarWarning && (
        <View className='banner' role='alert' data-testid='calendar-warning'>
          {m.calendarWarning}
        </View>
      )}
      <View className='card'>
        <View className='h1'>{m.communityName}</View>
        <View className='muted'>
          {m.from} 至 {m.to}
        </View>
        <View className='row wrap' style={{ marginTop: '20px' }}>
          <Stat label='受理率' value={pct(m.rates.response)} />
          <Stat label={`办结率（目标 ${pct(m.resolutionGoal)}）`} value={pct(m.rates.resolution)} warn={m.rates.resolution !== null && m.rates.resolution < m.resolutionGoal} />
          <Stat label='满意率' value={pct(m.rates.satisfaction)} />
          <Stat label='按时受理' value={pct(m.rates.onTimeAccept)} />
          <Stat label='按时办结' value={pct(m.rates.onTimeResolve)} />
          <Stat label='平均评分' value={num(m.averages.rating)} />
          <Stat label='平均受理用时' value={num(m.averages.hoursToAccept, ' 小时')} />
          <Stat label='平均办结用时' value={num(m.averages.hoursToResolve, ' 小时')} />
          <Stat label='当前超期' value={String(m.openNow.overdue)} warn={m.openNow.overdue > 0} />
        </View>
      </View>
      <View className='card'>
        <View className='title'>事项数量</View>
        <View className='row wrap' style={{ marginTop: '12px' }}>
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
        {m.grids.map((g) => (
          <View key={g.gridId} style={{ marginTop: '16px' }} data-testid='dashboard-grid'>
            <View className='row between'>
              <Text>{g.name}</Text>
              <Text className='muted'>
                {g.totals.filed} 件 · 办结 {pct(g.rates.resolution)} · 满意 {pct(g.rates.satisfaction)}
              </Text>
            </View>
            <View className='muted'>
              在办 {g.openNow.total} 件，超期 {g.openNow.overdue} 件，退单 {g.totals.refused} 次
            </View>
          </View>
        ))}
      </View>
      {m.properties.length > 0 && (
        <View className='card'>
          <View className='title'>各小区物业</View>
          {m.properties.map((p) => (
            <View key={p.compound} style={{ marginTop: '16px' }} data-testid='dashboard-property'>
              <View className='row between'>
                <Text>{p.compound}物业</Text>
                <Text className='muted'>
                  {p.totals.filed} 件 · 按时办结 {pct(p.rates.onTimeResolve)} · 满意 {pct(p.rates.satisfaction)}
                </Text>
              </View>
              <View className='muted'>
                在办 {p.openNow.total} 件，超期 {p.openNow.overdue} 件，退单 {p.totals.refused} 次
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
