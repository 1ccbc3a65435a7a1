import { View } from '@tarojs/components';
import type { ErrandDto } from '@linli/shared';
import { formatTime } from '../../utils/format';

/** 办理过程: every step, oldest first, with who took it and when. */
export function ErrandTimeline({ items }: { items: ErrandDto['timeline'] }) {
  return (
    <View className='card' data-testid='errand-timeline'>
      <View className='title'>办理过程</View>
      {items.map((t, i) => (
        <View key={`${t.at}-${i}`} className={`er-event ${i === items.length - 1 ? 'er-event-last' : ''}`} data-testid='errand-event'>
          <View className='er-event-what'>{t.what}</View>
          <View className='er-event-by'>
            {t.by ? `${t.by} · ` : ''}
            {formatTime(t.at)}
          </View>
        </View>
      ))}
    </View>
  );
}
