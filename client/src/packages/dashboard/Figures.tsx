import { Text, View } from '@tarojs/components';
import { durationWords, evaluationWords, type MetricSummary, percentWords, rateWords } from '@linli/shared';

/** One figure and what it is; boxes wrap to the next line rather than overlap. */
export function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <View className='db-stat' data-testid='stat'>
      <View className={`db-stat-n ${warn ? 'db-stat-warn' : ''}`}>{value}</View>
      <View className='db-stat-l'>{label}</View>
    </View>
  );
}

const num = (x: number | null) => (x === null ? '—' : String(x));

/** How fast the loop runs: response and on-time rates, averages (durations in words) and what is overdue now. The cities' three rates are in MeasuresCard. */
export function Rates({ m }: { m: MetricSummary }) {
  return (
    <View className='db-stats'>
      <Stat label='受理率' value={rateWords(m.rates.response)} />
      <Stat label='按时受理' value={rateWords(m.rates.onTimeAccept)} />
      <Stat label='按时办结' value={rateWords(m.rates.onTimeResolve)} />
      <Stat label='平均评分' value={num(m.averages.rating)} />
      <Stat label='平均受理用时' value={durationWords(m.averages.hoursToAccept)} />
      <Stat label='平均办结用时' value={durationWords(m.averages.hoursToResolve)} />
      <Stat label='当前超期' value={String(m.openNow.overdue)} warn={m.openNow.overdue > 0} />
    </View>
  );
}

/** The head of a table of units (communities, grids) compared side by side. */
export function UnitHead({ unit, count = '新反映' }: { unit: string; count?: string }) {
  return (
    <View className='db-row db-head'>
      <View className='db-tr'>
        <Text className='db-name'>{unit}</Text>
        <Text className='db-cell'>{count}</Text>
        <Text className='db-cell'>办结率</Text>
        <Text className='db-cell'>解决率</Text>
        <Text className='db-cell'>满意率</Text>
      </View>
    </View>
  );
}

/** The evaluation a unit received (三评): departments and companies from grids, grids from departments. */
const EVALUATED_BY = { units: '网格评价', grid: '部门评价' } as const;

/**
 * One unit's row: its figures in the columns of UnitHead (the three rates of the items filed in the
 * period), then what is open, how long it takes and, for units others rate, their evaluation.
 */
export function UnitRow(props: { name: string; m: MetricSummary; total?: boolean; testid?: string; evaluated?: 'units' | 'grid'; count?: number }) {
  const { name, m, total, testid, evaluated } = props;
  return (
    <View className={`db-row ${total ? 'db-total' : ''}`} data-testid={testid}>
      <View className='db-tr'>
        <Text className='db-name'>{name}</Text>
        <Text className='db-cell'>{props.count ?? m.totals.filed}</Text>
        <Text className='db-cell'>{percentWords(m.measures.rates.closure)}</Text>
        <Text className='db-cell'>{percentWords(m.measures.rates.resolution)}</Text>
        <Text className='db-cell'>{percentWords(m.measures.rates.satisfaction)}</Text>
      </View>
      <View className='db-sub'>
        在办 {m.openNow.total} 件，<Text className={m.openNow.overdue > 0 ? 'db-warn' : ''}>超期 {m.openNow.overdue} 件</Text>，退单 {m.totals.refused} 次 · 平均办结{' '}
        {durationWords(m.averages.hoursToResolve)}
        {evaluated && ` · ${EVALUATED_BY[evaluated]} ${evaluationWords(m.measures.evaluations[evaluated])}`}
      </View>
    </View>
  );
}
