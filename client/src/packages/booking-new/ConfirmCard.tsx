import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { BookingDto, CentreDto, Offering } from '@linli/shared';
import { formatSlotTime } from '../../utils/booking-time';
import { dailyCutoffOf, KIND_VERB, termText } from '../../utils/offering-kind';
import type { Slot } from './useSlots';

function Line({ k, children, testid }: { k: string; children: ReactNode; testid?: string }) {
  return (
    <View className='kv'>
      <Text className='muted kv-key'>{k}</Text>
      <View className='kv-value' data-testid={testid}>
        {children}
      </View>
    </View>
  );
}

/** What to keep in mind, by kind: come on time with the papers, the term's rule, the meal's cut-off. */
function advice(o: Offering, date: string, moving: boolean): string {
  if (moving) return '改约成功后，原来的时段会让给其他居民。';
  if (o.kind === 'daily' && o.daily) return `请按时到${o.where || '服务中心'}用餐。${dailyCutoffOf(o.daily, date)} 前可以取消，截止后厨房已按份数备餐，不能再取消。`;
  if (o.kind === 'term') return '报名一次，整个学期都可以来。学期报名不能改约；不来了请取消报名，把名额让给其他居民。';
  if (o.kind === 'session') return '请按时参加。活动报名不能改约；来不了请提前取消报名，把名额让给其他居民。';
  return '请按时到达、带齐材料。如果来不了，请提前取消，把名额让给其他居民。';
}

/** The last step: everything about the booking said in words before 确认预约 / 确认报名 / 确认订餐 / 确认改约. */
export function ConfirmCard(p: { centre: CentreDto; offering: Offering; date: string; slot: Slot; person: string; note: string; moving: BookingDto | null; forOther?: boolean }) {
  const o = p.offering;
  const verb = KIND_VERB[o.kind];
  const forVerb = o.kind === 'appointment' ? '约' : verb;
  const when = formatSlotTime({ date: p.date, start: p.slot.start, end: p.slot.end });
  return (
    <View className='card bk-confirm' data-testid='booking-confirm'>
      <View className='title' style={{ marginBottom: '12px' }}>
        {p.moving ? '请核对改约信息' : `请核对${verb}信息`}
      </View>
      <Line k={o.kind === 'appointment' ? '办事项目' : '项目'}>
        {o.name}
        {o.kind === 'appointment' ? `（约 ${o.minutes} 分钟）` : ''}
      </Line>
      {p.moving && (
        <Line k='原来时间'>
          <Text className='bk-old'>{formatSlotTime(p.moving)}</Text>
        </Line>
      )}
      {o.kind === 'term' && o.term ? (
        <Line k='时间' testid='confirm-when'>
          {termText(o.term)}
        </Line>
      ) : (
        <Line k={p.moving ? '改到' : o.kind === 'daily' ? '用餐' : '时间'} testid='confirm-when'>
          {when}
        </Line>
      )}
      {o.kind === 'daily' && o.daily && !p.moving && <Line k='截止'>{dailyCutoffOf(o.daily, p.date)} 前可以取消</Line>}
      <Line k='地点'>
        {p.centre.name}
        {p.offering.where ? ` ${p.offering.where}` : ''}
      </Line>
      <Line k='地址'>{p.centre.address}</Line>
      {p.offering.bring.length > 0 && <Line k='请带'>{p.offering.bring.join('、')}</Line>}
      <Line k={`${verb}人`} testid='confirm-person'>
        {p.person}
      </Line>
      {p.forOther && (
        <View className='banner' style={{ marginTop: '12px', marginBottom: 0 }} data-testid='confirm-for-other'>
          您在为 {p.person} 代{forVerb}。{verb}成功后，{p.person} 在自己的“延时服务”里也能看到，并注明由您代约；请把时间和预约码告诉对方。
        </View>
      )}
      {p.note && <Line k='备注'>{p.note}</Line>}
      <View className='banner' style={{ marginTop: '16px', marginBottom: 0 }}>
        {advice(o, p.date, Boolean(p.moving))}
      </View>
    </View>
  );
}
