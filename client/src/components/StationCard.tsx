import { Text, View } from '@tarojs/components';
import type { StationDto } from '@linli/shared';
import { AMENITY_LABELS } from '@linli/shared/plain';
import { AMENITY_ICONS, formatDistance } from '../utils/format';

export function StationCard({ station, onOpen }: { station: StationDto; onOpen: (id: string) => void }) {
  const broken = new Set(station.outOfOrder.map((o) => o.amenity));
  return (
    <View className='card' data-testid='station-card' onClick={() => onOpen(station.id)}>
      <View className='row between'>
        <Text className='title'>{station.name}</Text>
        <Text className='muted'>{formatDistance(station.distanceMeters)}</Text>
      </View>
      <View className='muted' style={{ margin: '8px 0' }}>
        {station.address}
      </View>
      <View className='row wrap'>
        {station.status === 'temporarily_closed' ? (
          <Text className='tag tag-closed'>暂停开放</Text>
        ) : station.openNow ? (
          <Text className='tag tag-open'>营业中</Text>
        ) : (
          <Text className='tag tag-closed'>已打烊</Text>
        )}
        {station.openIssues.length > 0 && <Text className='tag tag-warn'>{station.openIssues.length} 个问题待处理</Text>}
        {station.amenities.map((a) => (
          <Text
            key={a}
            className={`tag ${broken.has(a) ? 'tag-paused' : 'tag-amenity'}`}
            aria-label={broken.has(a) ? `${AMENITY_LABELS[a]}暂停` : AMENITY_LABELS[a]}
            data-testid={broken.has(a) ? 'amenity-paused' : undefined}
          >
            {/* An emoji struck through is hard to see: a paused amenity says 暂停 in words. */}
            {broken.has(a) ? `${AMENITY_ICONS[a]} 暂停` : AMENITY_ICONS[a]}
          </Text>
        ))}
      </View>
    </View>
  );
}
