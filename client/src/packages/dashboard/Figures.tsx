import { Text, View } from '@tarojs/components';
import { durationWords, type MetricSummary, rateWords } from '@linli/shared';

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

/** The three rates, on-time rates, averages (durations in words) and what is overdue now. */
export function Rates({ m, goal }: { m: MetricSummary; goal: number }) {
  return (
    <View className='db-stats'>
      <Stat label='受理率' value={rateWords(m.rates.response)} />
      <Stat label={`办结率（目标 ${rateWords(goal)}）`} value={rateWords(m.rates.resolution)} warn={m.rates.resolution !== null && m.rates.resolution < goal} />
      <Stat label='满意率' value={rateWords(m.rates.satisfaction)} />
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
export function UnitHead({ unit }: { unit: string }) {
  return (
    <View className='db-row db-head'>
      <View className='db-tr'>
        <Text className='db-name'>{unit}</Text>
        <Text className='db-cell'>新反映</Text>
        <Text className='db-cell'>办结率</Text>
        <Text className='db-cell'>满意率</Text>
      </View>
    </View>
  );
}

/** One unit's row: its figures in the columns of UnitHead, then what is open and how long it takes. */
export function UnitRow({ name, m, total, testid }: { name: string; m: MetricSummary; total?: boolean; testid?: string }) {
  return (
    <View className={`db-row ${total ? 'db-total' : ''}`} data-testid={testid}>
      <View className='db-tr'>
        <Text className='db-name'>{name}</Text>
        <Text className='db-cell'>{m.totals.filed}</Text>
        <Text className='db-cell'>{rateWords(m.rates.resolution)}</Text>
        <Text className='db-cell'>{rateWords(m.rates.satisfaction)}</Text>
      </View>
      <View className='db-sub'>
        在办 {m.openNow.total} 件，<Text className={m.openNow.overdue > 0 ? 'db-warn' : ''}>超期 {m.openNow.overdue} 件</Text>，退单 {m.totals.refused} 次 · 平均办结{' '}
        {durationWords(m.averages.hoursToResolve)}
      </View>
    </View>
  );
}
