import { View } from '@tarojs/components';

/** An honest placeholder for a job that is not built yet. */
export function ComingSoon({ icon, title, lines }: { icon: string; title: string; lines: string[] }) {
  return (
    <View className='soon' data-testid='coming-soon'>
      <View className='soon-icon'>{icon}</View>
      <View className='h1'>{title}</View>
      <View className='muted'>即将上线</View>
      {lines.map((l) => (
        <View key={l} className='muted' style={{ marginTop: '16px' }}>
          {l}
        </View>
      ))}
    </View>
  );
}
