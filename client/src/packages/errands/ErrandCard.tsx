import { Text, View } from '@tarojs/components';
import type { ErrandDto } from '@linli/shared';
import { formatTime } from '../../utils/format';
import { statusTag } from './labels';

/** One errand in a list: what, how, its status in words, for whom, where, and when asked. */
export function ErrandCard({ errand: e, staff, onOpen }: { errand: ErrandDto; staff?: boolean; onOpen: (id: string) => void }) {
  return (
    <View className='card' data-testid='errand-card' onClick={() => onOpen(e.id)}>
      <View className='row between'>
        <Text className='title' style={{ flex: 1 }}>
          {e.offeringName}
        </Text>
        <Text className={`tag ${statusTag(e.status)}`} data-testid='errand-status'>
          {e.statusLabel}
        </Text>
      </View>
      <View className='er-line'>
        {e.modeLabel} · {e.centreName}
      </View>
      {staff && (
        <View className='er-line'>
          {e.personName}
          {e.personPhone ? ` ${e.personPhone}` : ''} · {e.address}
        </View>
      )}
      {!staff && e.assigneeName && <View className='er-line'>经办人：{e.assigneeName}</View>}
      <View className='row between' style={{ marginTop: '8px' }}>
        <Text className='muted'>{formatTime(e.createdAt)} 申请</Text>
        <Text className='er-open'>{staff && e.steps.length ? '去办理 ›' : '查看 ›'}</Text>
      </View>
    </View>
  );
}
