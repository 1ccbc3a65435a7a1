import { View } from '@tarojs/components';
import { evaluationWords, type MetricSummary, percentWords } from '@linli/shared';
import { Stat } from './Figures';

const share = (n: number, of: number) => (of === 0 ? '暂无事项' : `${n} / ${of} 件`);

/**
 * 三率三评: the cities' closure, resolution and satisfaction rates (办结率, 解决率, 满意率) of the items
 * filed in the period, each item counted once by its latest answer, and the three evaluations.
 */
export function MeasuresCard({ m, goal }: { m: MetricSummary; goal: number }) {
  const { counts: c, rates, evaluations: e } = m.measures;
  return (
    <View className='card' data-testid='dashboard-measures'>
      <View className='title'>三率三评</View>
      <View className='muted'>按本期反映的事项统计，每件事项按最近一次回答计一次</View>
      <View className='db-stats'>
        <Stat label={`办结率 · ${share(c.closed, c.due)}`} value={percentWords(rates.closure)} />
        <Stat
          label={`解决率（目标 ${percentWords(goal)}）· ${share(c.solved, c.solvedAnswered)}`}
          value={percentWords(rates.resolution)}
          warn={rates.resolution !== null && rates.resolution < goal}
        />
        <Stat label={`满意率 · ${share(c.satisfied, c.satisfiedAnswered)}`} value={percentWords(rates.satisfaction)} />
      </View>
      <View className='db-row' data-testid='evaluation-residents'>居民评办理：{evaluationWords(e.residents)}</View>
      <View className='db-row' data-testid='evaluation-units'>网格评部门和物业：{evaluationWords(e.units)}</View>
      <View className='db-row' data-testid='evaluation-grid'>部门评网格：{evaluationWords(e.grid)}</View>
    </View>
  );
}
