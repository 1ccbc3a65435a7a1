import { Button, Text, View } from '@tarojs/components';
import type { ActionForm } from './useActionForm';
import type { Duplicate } from './useDuplicates';

/** Open items of the same category nearby: merging into one makes its reporter follow it too. */
export function DuplicatePicker({ form, duplicates }: { form: ActionForm; duplicates: Duplicate[] }) {
  const { act, busy } = form;
  return (
    <View style={{ marginTop: '16px' }} data-testid='merge'>
      <View className='muted'>附近有同类事项，如是同一件事可合并办理（反映人一并跟进）</View>
      {duplicates.map((d) => (
        <View key={d.id} className='row between' style={{ marginTop: '8px' }}>
          <Text style={{ flex: 1 }}>
            {d.description}（{d.distanceMeters} 米）
          </Text>
          <Button className='btn-plain btn-inline' disabled={busy || undefined} onClick={() => void act({ action: 'merge', into: d.id })}>
            合并到此
          </Button>
        </View>
      ))}
    </View>
  );
}
