import { Button, Text, View } from '@tarojs/components';
import type { NearbyRequestsResponse } from '@linli/shared';

/** Open requests of the same category right where he is about to file: "me too" instead of a duplicate. */
export function SimilarRequests({ items, onMeToo }: { items: NearbyRequestsResponse['items']; onMeToo: (id: string) => void }) {
  if (items.length === 0) return null;
  return (
    <View className='card banner' data-testid='similar-requests'>
      <View className='title'>附近已有 {items.length} 件同类问题正在办理</View>
      <View className='muted'>如果是同一件事，点"我也遇到"一起跟进，不必重复反映</View>
      {items.map((x) => (
        <View key={x.id} className='row between' style={{ marginTop: '12px' }}>
          <Text style={{ flex: 1 }}>
            {x.description}（{x.distanceMeters} 米，{x.followers} 人反映）
          </Text>
          <Button className='btn-plain btn-inline' data-testid={`me-too-${x.id}`} onClick={() => onMeToo(x.id)}>
            我也遇到
          </Button>
        </View>
      ))}
    </View>
  );
}
