import { View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';
import type { ActionForm } from './useActionForm';
import type { Named } from './useStaffOptions';
import { confirmations } from './wording';

/** A grid worker hands the item to another grid (转交); the community assigns it to one (分派). Both asked first. */
export function GridPicker({ request: r, form, grids }: { request: RequestDetail; form: ActionForm; grids: Named[] }) {
  const { act, text, busy, confirmThen } = form;
  const send = (g: Named) =>
    r.level === 'grid'
      ? confirmThen(confirmations.handOver(g.name), () => act({ action: 'hand_over', gridId: g.id, reason: text || '不在本网格' }))
      : confirmThen(confirmations.assign(g.name), () => act({ action: 'assign', gridId: g.id, note: text || undefined }));
  return (
    <View style={{ marginTop: '16px' }}>
      <View className='muted'>{r.level === 'grid' ? '转交其他网格' : '分派给网格'}</View>
      <View className='row wrap'>
        {grids
          .filter((g) => g.id !== r.gridId || r.level === 'community')
          .map((g) => (
            <View key={g.id} className='chip' data-testid={`send-to-${g.id}`} onClick={() => void (busy ? undefined : send(g))}>
              {g.name}
            </View>
          ))}
      </View>
    </View>
  );
}
