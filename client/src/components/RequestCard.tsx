import { Text, View } from '@tarojs/components';
import type { RequestSummary } from '@linli/shared';
import { formatDue, formatTime, levelText, statusText } from '../utils/format';

export function RequestCard({ item, onOpen }: { item: RequestSummary; onOpen: (id: string) => void }) {
  return (
    <View className='card' data-testid='request-card' onClick={() => onOpen(item.id)}>
      <View className='row between'>
        <Text className='title'>{item.categoryName}</Text>
        <Text className={`tag ${item.status === 'closed' || item.status === 'withdrawn' ? 'tag-closed' : item.overdue ? 'tag-warn' : 'tag-open'}`}>
          {statusText(item.status)}
        </Text>
      </View>
      <View style={{ margin: '8px 0' }}>{item.description}</View>
      <View className='row between'>
        <Text className='muted'>
          {levelText(item.level)} · {formatTime(item.createdAt)}
        </Text>
        {item.dueAt && <Text className={item.overdue ? 'field-error' : 'muted'}>{formatDue(item.dueAt)}</Text>}
      </View>
    </View>
  );
}
