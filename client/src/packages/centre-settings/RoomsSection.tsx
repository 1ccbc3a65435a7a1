import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type Draft, type Errors, freshId } from './draft';
import { FieldError, NumField, TextField } from './fields';

type Edit = (change: (d: Draft) => void, path?: string) => void;

/** 房间: rooms with their own places per slot (调解室, 法律咨询室); a room an offering uses cannot be removed. */
export function RoomsSection({ draft, errors, edit }: { draft: Draft; errors: Errors; edit: Edit }) {
  const remove = (i: number) => {
    const room = draft.rooms[i]!;
    const users = draft.offerings.filter((o) => o.room === room.id).map((o) => o.name);
    if (users.length) {
      void Taro.showModal({ title: '不能删除', content: `${users.join('、')}在这个房间办理。请先在“办事项目”里把它们改到别处。`, showCancel: false, confirmText: '知道了' });
      return;
    }
    edit((d) => void d.rooms.splice(i, 1), 'rooms');
  };
  return (
    <View data-testid='section-rooms-body'>
      <View className='card cs-explain'>在房间办理的项目（如人民调解）不占综合窗口，每个时段按房间的名额接待。</View>
      <FieldError path='rooms' error={errors.rooms} />
      {draft.rooms.length === 0 && <View className='cs-none card'>没有房间，所有项目都在综合窗口办理</View>}
      {draft.rooms.map((r, i) => {
        const at = `rooms.${i}`;
        return (
          <View key={r.id} className='card' data-testid={`room-${i}`}>
            <FieldError path={`${at}.id`} error={errors[`${at}.id`]} />
            <TextField label='房间名称' path={`${at}.name`} value={r.name} maxlength={20} placeholder='如：人民调解室' error={errors[`${at}.name`]} onChange={(v) => edit((d) => void (d.rooms[i]!.name = v), `${at}.name`)} />
            <NumField label='每个时段名额' unit='人' path={`${at}.capacity`} value={r.capacity} error={errors[`${at}.capacity`]} onChange={(v) => edit((d) => void (d.rooms[i]!.capacity = v), `${at}.capacity`)} />
            <Button className='btn-danger' data-testid={`remove-${at}`} onClick={() => remove(i)}>
              删除这个房间
            </Button>
          </View>
        );
      })}
      {draft.rooms.length < 10 && (
        <Button className='btn-plain' data-testid='add-room' onClick={() => edit((d) => void d.rooms.push({ id: freshId('room', d.rooms), name: '', capacity: 1 }))}>
          添加房间
        </Button>
      )}
    </View>
  );
}
