import { Text, View } from '@tarojs/components';
import type { CentreDto } from '@linli/shared';
import { formatDistance } from '../utils/format';

/** 可预约 6 个办事项目，2 个报名或订餐. */
function offeringsText(c: CentreDto): string {
  const active = c.offerings.filter((o) => o.active);
  const appointments = active.filter((o) => o.kind === 'appointment').length;
  const enrolments = active.length - appointments;
  const parts = [appointments > 0 ? `${appointments} 个办事项目` : '', enrolments > 0 ? `${enrolments} 个报名或订餐` : ''].filter(Boolean);
  return parts.length > 0 ? `可预约 ${parts.join('，')}` : '暂无可预约的项目';
}

/** A service centre to book at: mine marked 本社区, its distance when known, and when it is next open. */
export function CentreCard({ centre: c, onOpen }: { centre: CentreDto; onOpen: (id: string) => void }) {
  return (
    <View className='card' data-testid={`centre-${c.id}`} onClick={() => onOpen(c.id)}>
      <View className='row between'>
        <Text className='title' style={{ flex: 1 }}>
          {c.name}
        </Text>
        {c.distanceM !== null && (
          <Text className='muted' data-testid='centre-distance' style={{ flexShrink: 0, marginLeft: '12px' }}>
            {formatDistance(c.distanceM)}
          </Text>
        )}
      </View>
      <View className='muted' style={{ margin: '8px 0' }}>
        {c.address}
      </View>
      <View className='row wrap'>
        {c.mine && <Text className='tag tag-amenity'>本社区</Text>}
        <Text className={`tag ${c.openNote ? 'tag-open' : 'tag-closed'}`} data-testid='centre-open-note'>
          {c.openNote ?? '近几天没有延时开放'}
        </Text>
      </View>
      <View className='row between' style={{ marginTop: '8px' }}>
        <Text className='muted' data-testid='centre-offerings'>
          {offeringsText(c)}
        </Text>
        <Text style={{ color: '#c8372d', fontWeight: 600 }}>去预约 ›</Text>
      </View>
    </View>
  );
}
