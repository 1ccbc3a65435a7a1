import { View } from '@tarojs/components';
import { type CentreDto, type Offering, OFFERING_KIND_LABELS, OFFERING_KINDS } from '@linli/shared';
import { chinaToday, formatDay } from '../../utils/booking-time';
import { dailyCutoffText, dailyText, type OfferingKind, termText } from '../../utils/offering-kind';

const PICK: Record<OfferingKind, string> = { appointment: '选这项 ›', session: '去报名 ›', term: '去报名 ›', daily: '去订餐 ›' };

/** The line under the name: how long and where, the next sessions, the term, or the serving days and cut-off. */
function about(o: Offering): string[] {
  const where = o.where ? ` · ${o.where}` : '';
  if (o.kind === 'session') {
    const coming = o.sessions.filter((s) => s.date >= chinaToday()).sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
    const next = coming[0];
    return [next ? `共 ${coming.length} 场 · 最近：${formatDay(next.date)} ${next.start}` : '近期没有场次', where.slice(3)].filter(Boolean);
  }
  if (o.kind === 'term' && o.term) return [`${termText(o.term)}${where}`];
  if (o.kind === 'daily' && o.daily) return [`${dailyText(o.daily)}${where}`, dailyCutoffText(o.daily)];
  return [`约 ${o.minutes} 分钟${where}`];
}

function Item({ o, onPick }: { o: Offering; onPick: (o: Offering) => void }) {
  return (
    <View className='bk-offering' data-testid={`offering-${o.id}`} data-kind={o.kind} onClick={() => onPick(o)}>
      <View className='row between'>
        <View className='bk-offering-name'>{o.name}</View>
        <View className='bk-pick'>{PICK[o.kind]}</View>
      </View>
      {about(o).map((line) => (
        <View key={line} className='bk-offering-line'>
          {line}
        </View>
      ))}
      {o.bring.length > 0 && <View className='bk-offering-line'>请带：{o.bring.join('、')}</View>}
    </View>
  );
}

/**
 * Step 1: what to do at the centre — each with how long it takes (or its sessions, term, serving days),
 * what to bring and where; grouped under 办事预约 / 活动报名 / 学期报名 / 每日订餐 when there is more than one kind.
 */
export function OfferingList({ centre, onPick }: { centre: CentreDto; onPick: (o: Offering) => void }) {
  const offerings = centre.offerings.filter((o) => o.active);
  if (offerings.length === 0) return <View className='empty'>这个服务中心暂时没有可预约的项目</View>;
  const groups = OFFERING_KINDS.map((kind) => ({ kind, items: offerings.filter((o) => o.kind === kind) })).filter((g) => g.items.length > 0);
  return (
    <View data-testid='offering-list'>
      {groups.map((g) => (
        <View key={g.kind} data-testid={`offering-group-${g.kind}`}>
          {groups.length > 1 && <View className='bk-group'>{OFFERING_KIND_LABELS[g.kind]}</View>}
          {g.items.map((o) => (
            <Item key={o.id} o={o} onPick={onPick} />
          ))}
        </View>
      ))}
    </View>
  );
}
