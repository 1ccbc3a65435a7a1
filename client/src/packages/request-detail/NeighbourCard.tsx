import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RequestDetail } from '@linli/shared';

/**
 * 代邻居反映: who it is for (his phone masked, as everywhere), where he lives and who filed it. Staff who
 * hold his number (the one handling it) get a button that dials it without showing it.
 */
export function NeighbourCard({ request: r }: { request: RequestDetail }) {
  const n = r.forNeighbour;
  if (!n) return null;
  const dial = r.reporterPhone && !r.reporterPhone.includes('*') ? r.reporterPhone : null;
  return (
    <View className='card' data-testid='neighbour-info'>
      <View className='title'>代邻居反映</View>
      <View>
        邻居：{n.name ?? '（不显示）'}
        {n.phone ? ` · 电话 ${n.phone}` : ''}
      </View>
      <View className='muted'>
        住址：{n.building}
        {n.room}
      </View>
      {n.filedByName && <View className='muted'>代为反映：{n.filedByName}</View>}
      <View className='muted'>邻居没有智能手机，进展和回访请打电话告知。</View>
      {dial && (
        <Button className='btn-plain' data-testid='call-neighbour' onClick={() => void Taro.makePhoneCall({ phoneNumber: dial }).catch(() => undefined)}>
          打电话给邻居
        </Button>
      )}
    </View>
  );
}
