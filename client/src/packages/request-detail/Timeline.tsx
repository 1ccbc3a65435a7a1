import { Text, View } from '@tarojs/components';
import { EVENT_TYPE_LABELS, ROLE_LABELS, type Role, type TimelineEvent } from '@linli/shared';
import { formatTime, levelText } from '../../utils/format';
import { Photos } from './Photos';

/** 办理过程: every step of the item, oldest first, with who took it and at which level. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <View className='card' data-testid='timeline'>
      <View className='title'>办理过程</View>
      {events.map((e, i) => (
        <View key={i} style={{ marginTop: '16px', borderLeft: '4px solid #c8372d', paddingLeft: '16px' }} data-testid='timeline-event'>
          <View>
            <Text style={{ fontWeight: 600 }}>{EVENT_TYPE_LABELS[e.type]}</Text>
            <Text className='muted'> · {levelText(e.level)} · {formatTime(e.at)}</Text>
          </View>
          <View className='muted'>
            {e.actorName ?? (e.actorRole === 'system' ? '系统' : '居民')}
            {e.actorRole && e.actorRole !== 'system' ? `（${ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}）` : ''}
          </View>
          {e.note && <View>{e.note}</View>}
          <Photos urls={e.photos} />
        </View>
      ))}
    </View>
  );
}
