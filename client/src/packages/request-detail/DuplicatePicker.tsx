import { Button, Text, View } from '@tarojs/components';
import type { ActionForm } from './useActionForm';
import type { Duplicate } from './useDuplicates';
import { confirmations } from './wording';

/** Open items of the same category nearby: merging into one makes its reporter follow it too (asked first: it cannot be undone). */
export function DuplicatePicker({ form, duplicates }: { form: ActionForm; duplicates: Duplicate[] }) {
  const { act, busy, confirmThen } = form;
  return (
    <View style={{ marginTop: '16px' }} data-testid='merge'>
      <View className='muted'>附近有同类事项，如是同一件事可合并办理（反映人一并跟进）</View>
      {duplicates.map((d) => (
        <View key={d.id} className='row between' style={{ marginTop: '8px' }}>
          <Text style={{ flex: 1 }}>
            {d.description}（{d.distanceMeters} 米）
          </Text>
          <Button
            className='btn-plain btn-inline'
            data-testid='action-merge'
            disabled={busy || undefined}
            onClick={() => void confirmThen(confirmations.merge(d.description), () => act({ action: 'merge', into: d.id }))}
          >
            合并到此
          </Button>
        </View>
      ))}
    </View>
  );
}
