import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** The photos of the item or of one step; a tap opens them full screen. */
export function Photos({ urls }: { urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <View className='row wrap' style={{ marginTop: '8px' }}>
      {urls.map((u) => (
        <Image
          key={u}
          src={u}
          mode='aspectFill'
          data-testid='request-photo'
          style={{ width: '140px', height: '140px', borderRadius: '8px', marginRight: '12px', marginBottom: '12px' }}
          onClick={() => void Taro.previewImage({ urls, current: u })}
        />
      ))}
    </View>
  );
}
