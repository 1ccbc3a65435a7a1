import { View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';
import type { ActionForm } from './useActionForm';
import type { Named } from './useStaffOptions';

/** A grid worker hands the item to another grid (转交); the community assigns it to one (分派). */
export function GridPicker({ request: r, form, grids }: { request: RequestDetail; form: ActionForm; grids: Named[] }) {
  const { act, text } = form;
  return (
    <View style={{ marginTop: '16px' }}>
      <View className='muted'>{r.level === 'grid' ? '转交其他网格' : '分派给网格'}</View>
      <View className='row wrap'>
        {grids
          .filter((g) => g.id !== r.gridId || r.level === 'community')
          .map((g) => (
            <View
              key={g.id}
              className='chip'
              onClick={() => void act(r.level === 'grid' ? { action: 'hand_over', gridId: g.id, reason: text || '不在本网格' } : { action: 'assign', gridId: g.id, note: text || undefined })}
            >
              {g.name}
            </View>
          ))}
      </View>
    </View>
  );
}
