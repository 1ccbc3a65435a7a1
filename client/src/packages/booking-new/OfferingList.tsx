import { View } from '@tarojs/components';
import type { CentreDto, Offering } from '@linli/shared';

/** Step 1: what to do at the centre — each with about how long it takes, what to bring and where. */
export function OfferingList({ centre, onPick }: { centre: CentreDto; onPick: (o: Offering) => void }) {
  const offerings = centre.offerings.filter((o) => o.active);
  if (offerings.length === 0) return <View className='empty'>这个服务中心暂时没有可预约的项目</View>;
  return (
    <View data-testid='offering-list'>
      {offerings.map((o) => (
        <View key={o.id} className='bk-offering' data-testid={`offering-${o.id}`} onClick={() => onPick(o)}>
          <View className='row between'>
            <View className='bk-offering-name'>{o.name}</View>
            <View style={{ color: '#c8372d', fontWeight: 600, flexShrink: 0 }}>选这项 ›</View>
          </View>
          <View className='bk-offering-line'>约 {o.minutes} 分钟{o.where ? ` · ${o.where}` : ''}</View>
          {o.bring.length > 0 && <View className='bk-offering-line'>请带：{o.bring.join('、')}</View>}
        </View>
      ))}
    </View>
  );
}
