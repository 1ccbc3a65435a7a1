import { View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';

/** The two answers as read: 已解决 · 满意 (an answer not given is left out). */
export const answerWords = (a: { solved?: boolean | null; satisfied?: boolean | null }): string =>
  [a.solved == null ? null : a.solved ? '已解决' : '没有解决', a.satisfied == null ? null : a.satisfied ? '满意' : '不满意'].filter(Boolean).join(' · ');

/** The resident's rating once given: 我的评价 to the reporter, 居民评价 to everyone else. */
export function RatingCard({ rating, mine }: { rating: NonNullable<RequestDetail['rating']>; mine: boolean }) {
  return (
    <View className='card'>
      <View className='title'>{mine ? '我的评价' : '居民评价'}</View>
      <View>{'★'.repeat(rating.score)}{rating.comment ? ` ${rating.comment}` : ''}</View>
      <View data-testid='rating-answers'>{answerWords(rating)}</View>
    </View>
  );
}
