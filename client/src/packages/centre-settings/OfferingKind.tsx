import { Button, View } from '@tarojs/components';
import type { Offering } from '@linli/shared';
import type { Errors } from './draft';
import { DateField, FieldError, NumField, TimeField, WeekdaysField } from './fields';

/** How the details of a kind start when the kind is chosen. */
export function withKind(o: Offering, kind: Offering['kind']): Offering {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 8 * 3600_000 + 90 * 86400_000).toISOString().slice(0, 10);
  return {
    ...o,
    kind,
    sessions: kind === 'session' && o.sessions.length === 0 ? [{ date: today, start: '14:00', end: '16:00', seats: 20 }] : o.sessions,
    term: kind === 'term' && !o.term ? { from: today, to: later, weekdays: [1, 2, 3, 4, 5], start: '16:30', end: '18:00', seats: 20 } : o.term,
    daily: kind === 'daily' && !o.daily ? { weekdays: [1, 2, 3, 4, 5], start: '11:30', end: '12:30', seats: 20, cutoff: '15:00' } : o.daily,
  };
}

interface Props {
  offering: Offering;
  /** offerings.3 */
  at: string;
  errors: Errors;
  onChange: (o: Offering) => void;
}

/** The details of an activity (dated sessions), a term, or a daily order; an appointment needs none. */
export function OfferingKind({ offering: o, at, errors, onChange }: Props) {
  const e = (p: string) => errors[`${at}.${p}`];
  if (o.kind === 'session') {
    const put = (i: number, change: Partial<Offering['sessions'][number]>) => onChange({ ...o, sessions: o.sessions.map((s, j) => (j === i ? { ...s, ...change } : s)) });
    return (
      <View data-testid={`${at}-sessions`}>
        <FieldError path={`${at}.sessions`} error={e('sessions')} />
        {o.sessions.map((s, i) => {
          const p = `sessions.${i}`;
          return (
            <View key={i} className='cs-item'>
              <View className='cs-item-head'>第 {i + 1} 场</View>
              <DateField label='日期' path={`${at}.${p}.date`} value={s.date} error={e(`${p}.date`)} onChange={(v) => put(i, { date: v })} />
              <View className='row wrap between'>
                <TimeField half label='开始' path={`${at}.${p}.start`} value={s.start} error={e(`${p}.start`)} onChange={(v) => put(i, { start: v })} />
                <TimeField half label='结束' path={`${at}.${p}.end`} value={s.end} error={e(`${p}.end`)} onChange={(v) => put(i, { end: v })} />
                <NumField half label='名额' unit='人' path={`${at}.${p}.seats`} value={s.seats} error={e(`${p}.seats`)} onChange={(v) => put(i, { seats: v })} />
              </View>
              <Button className='btn-danger cs-remove' onClick={() => onChange({ ...o, sessions: o.sessions.filter((_, j) => j !== i) })}>
                删除第 {i + 1} 场
              </Button>
            </View>
          );
        })}
        <Button className='btn-plain' onClick={() => onChange({ ...o, sessions: [...o.sessions, { ...(o.sessions[o.sessions.length - 1] ?? withKind(o, 'session').sessions[0]!) }] })}>
          添加一场
        </Button>
      </View>
    );
  }
  if (o.kind === 'term' && o.term) {
    const t = o.term;
    const put = (change: Partial<typeof t>) => onChange({ ...o, term: { ...t, ...change } });
    return (
      <View data-testid={`${at}-term`}>
        <FieldError path={`${at}.term`} error={e('term')} />
        <View className='row wrap between'>
          <DateField half label='开学' path={`${at}.term.from`} value={t.from} error={e('term.from')} onChange={(v) => put({ from: v })} />
          <DateField half label='结束' path={`${at}.term.to`} value={t.to} error={e('term.to')} onChange={(v) => put({ to: v })} />
        </View>
        <WeekdaysField label='每周上课' path={`${at}.term.weekdays`} value={t.weekdays} error={e('term.weekdays')} onChange={(v) => put({ weekdays: v })} />
        <View className='row wrap between'>
          <TimeField half label='开始' path={`${at}.term.start`} value={t.start} error={e('term.start')} onChange={(v) => put({ start: v })} />
          <TimeField half label='结束' path={`${at}.term.end`} value={t.end} error={e('term.end')} onChange={(v) => put({ end: v })} />
          <NumField half label='名额' unit='人' path={`${at}.term.seats`} value={t.seats} error={e('term.seats')} onChange={(v) => put({ seats: v })} />
        </View>
      </View>
    );
  }
  if (o.kind === 'daily' && o.daily) {
    const t = o.daily;
    const put = (change: Partial<typeof t>) => onChange({ ...o, daily: { ...t, ...change } });
    return (
      <View data-testid={`${at}-daily`}>
        <FieldError path={`${at}.daily`} error={e('daily')} />
        <WeekdaysField label='每周供应' path={`${at}.daily.weekdays`} value={t.weekdays} error={e('daily.weekdays')} onChange={(v) => put({ weekdays: v })} />
        <View className='row wrap between'>
          <TimeField half label='开始' path={`${at}.daily.start`} value={t.start} error={e('daily.start')} onChange={(v) => put({ start: v })} />
          <TimeField half label='结束' path={`${at}.daily.end`} value={t.end} error={e('daily.end')} onChange={(v) => put({ end: v })} />
          <NumField half label='每天名额' unit='份' path={`${at}.daily.seats`} value={t.seats} error={e('daily.seats')} onChange={(v) => put({ seats: v })} />
          <TimeField half label='前一天截止' hint='前一天这个时间前预订或取消' path={`${at}.daily.cutoff`} value={t.cutoff} error={e('daily.cutoff')} onChange={(v) => put({ cutoff: v })} />
        </View>
      </View>
    );
  }
  return <View className='cs-words'>在每周开放时间的时段里预约，每人占一个时段的一个名额。</View>;
}
