import { View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';

/** The resident's rating once given: 我的评价 to the reporter, 居民评价 to everyone else. */
export function RatingCard({ rating, mine }: { rating: NonNullable<RequestDetail['rating']>; mine: boolean }) {
  return (
    <View className='card'>
      <View className='title'>{mine ? '我的评价' : '居民评价'}</View>
      <View>{'★'.repeat(rating.score)}{rating.comment ? ` ${rating.comment}` : ''}</View>
    </View>
  );
}
