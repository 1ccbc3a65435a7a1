import { Input, View } from '@tarojs/components';
import type { User } from '@linli/shared';

/** The neighbour a building leader (or grid worker) files for, as typed. */
export interface NeighbourDraft {
  name: string;
  phone: string;
  building: string;
  room: string;
}

export const EMPTY_NEIGHBOUR: NeighbourDraft = { name: '', phone: '', building: '', room: '' };

/** Who may file for a neighbour without a smartphone (代邻居反映). */
export const filesForNeighbours = (user: Pick<User, 'roles'> | undefined): boolean =>
  !!user?.roles.some((r) => r === 'building_leader' || r === 'grid_worker' || r === 'parttime_grid_worker');

/** What the form can tell before sending (the server says the same, field by field). */
export function neighbourProblem(n: NeighbourDraft): string | null {
  if (n.name.trim().length < 2) return '请填写邻居姓名';
  if (!/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/.test(n.phone.trim())) return '请填写邻居的手机号或座机号，办理进展要打电话告诉他';
  if (!n.building.trim()) return '请填写楼栋';
  if (!n.room.trim()) return '请填写房号';
  return null;
}

export const neighbourBody = (n: NeighbourDraft) => ({ name: n.name.trim(), phone: n.phone.trim(), building: n.building.trim(), room: n.room.trim() });

interface Props {
  value: NeighbourDraft | null;
  onChange: (n: NeighbourDraft | null) => void;
  error?: string;
}

/**
 * 代邻居反映: a building leader files for a neighbour who has no smartphone. The neighbour's progress
 * and return visit go by phone, so his phone is needed; it is shown masked to everyone after filing.
 */
export function NeighbourFields({ value, onChange, error }: Props) {
  const set = (field: keyof NeighbourDraft) => (e: { detail: { value: string } }) => onChange({ ...(value ?? EMPTY_NEIGHBOUR), [field]: e.detail.value });
  return (
    <View className='card' data-testid='neighbour-card'>
      <View className='title'>为谁反映</View>
      <View className='muted'>家里没有智能手机的邻居，可以由您代他反映，进展会电话告诉他</View>
      <View className='row wrap' style={{ marginTop: '12px' }}>
        <View className={`chip ${value === null ? 'chip-on' : ''}`} data-testid='for-myself' onClick={() => onChange(null)}>
          为自己反映
        </View>
        <View className={`chip ${value !== null ? 'chip-on' : ''}`} data-testid='for-neighbour' onClick={() => value === null && onChange(EMPTY_NEIGHBOUR)}>
          代邻居反映
        </View>
      </View>
      {value && (
        <View>
          <View style={{ marginTop: '16px' }}>邻居姓名</View>
          <Input className='input' data-testid='neighbour-name' value={value.name} maxlength={20} placeholder='如 李桂英' onInput={set('name')} />
          <View style={{ marginTop: '16px' }}>邻居电话（手机或座机）</View>
          <Input className='input' data-testid='neighbour-phone' type='number' value={value.phone} maxlength={13} placeholder='如 13912345678' onInput={set('phone')} />
          <View style={{ marginTop: '16px' }}>楼栋单元</View>
          <Input className='input' data-testid='neighbour-building' value={value.building} maxlength={30} placeholder='如 名山小区3栋1单元' onInput={set('building')} />
          <View style={{ marginTop: '16px' }}>房号</View>
          <Input className='input' data-testid='neighbour-room' value={value.room} maxlength={20} placeholder='如 102' onInput={set('room')} />
        </View>
      )}
      {value && error && (
        <View className='field-error' data-testid='neighbour-error'>
          {error}
        </View>
      )}
    </View>
  );
}
