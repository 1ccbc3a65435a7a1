import { Button, Text, View } from '@tarojs/components';
import { NEED_KIND_LABELS, NEED_STATUS_LABELS, type NeedDto } from '@linli/shared';
import { minutesText, needWhen, STATUS_TAG, served } from './format';

/**
 * One need in a list: what, its status in words, when and where, how long, for whom and who serves
 * it. Tapping it opens its page; `onTake` adds 接单 (the open list of volunteers).
 */
export function NeedCard({ n, onOpen, onTake, busy }: { n: NeedDto; onOpen: () => void; onTake?: () => void; busy?: boolean }) {
  return (
    <View className='card' data-testid={`need-${n.id}`} onClick={onOpen}>
      <View className='nd-head'>
        <Text className='nd-title' data-testid='need-title'>
          {n.title}
        </Text>
        <Text className={`tag ${STATUS_TAG[n.status]}`} data-testid='need-status'>
          {NEED_STATUS_LABELS[n.status]}
        </Text>
      </View>
      <View className='nd-kind'>{NEED_KIND_LABELS[n.kind]}</View>
      <View className='nd-line'>
        <Text className='nd-line-key'>时间：</Text>
        {needWhen(n.when)}
      </View>
      <View className='nd-line'>
        <Text className='nd-line-key'>地点：</Text>
        {n.place}
      </View>
      <View className='nd-line'>
        <Text className='nd-line-key'>{served(n) ? '服务时长：' : '预计时长：'}</Text>
        {minutesText(n.minutes)}
        {n.payWithHours ? '（用时间银行支付）' : ''}
      </View>
      <View className='nd-line' data-testid='need-requester'>
        <Text className='nd-line-key'>需求人：</Text>
        {n.requesterName}
        {n.postedByName ? `（${n.postedByName}代为发布）` : ''}
      </View>
      {n.volunteerName && (
        <View className='nd-line' data-testid='need-volunteer'>
          <Text className='nd-line-key'>志愿者：</Text>
          {n.volunteerName}
        </View>
      )}
      {onTake ? (
        <Button
          className='btn'
          data-testid='need-take'
          loading={busy}
          disabled={busy || undefined}
          onClick={(e) => {
            e.stopPropagation();
            onTake();
          }}
        >
          接单
        </Button>
      ) : (
        <View className='nd-more'>查看详情 ›</View>
      )}
    </View>
  );
}
