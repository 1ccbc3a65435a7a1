/** What a grid team member does: his team role, the category groups he takes, the grids he covers (一员多格). */
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { TEAM_ROLE_LABELS, TEAM_ROLES, type TeamRole } from '@linli/shared';

export interface MemberDraft {
  teamRole: TeamRole | null;
  specialties: string[];
  gridIds: string[];
}

const toggle = (list: string[], x: string) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

export function MemberForm(props: {
  initial: MemberDraft;
  groups: string[];
  grids: { id: string; name: string }[];
  /** The grid being managed: always covered. */
  gridId: string;
  submitText: string;
  busy: boolean;
  onSubmit: (d: MemberDraft) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<MemberDraft>(props.initial);
  const missing = d.teamRole === null;
  return (
    <View data-testid='member-form'>
      <View className='gt-label'>团队角色</View>
      <View className='gt-chips'>
        {TEAM_ROLES.map((r) => (
          <View key={r} className={`chip ${d.teamRole === r ? 'chip-on' : ''}`} data-testid={`role-${r}`} onClick={() => setD({ ...d, teamRole: r })}>
            {TEAM_ROLE_LABELS[r]}
          </View>
        ))}
      </View>
      <View className='gt-label'>负责网格（可多选：一员多格）</View>
      <View className='gt-chips'>
        {props.grids.map((g) => (
          <View
            key={g.id}
            className={`chip ${d.gridIds.includes(g.id) ? 'chip-on' : ''}`}
            data-testid={`grid-${g.id}`}
            onClick={() => g.id !== props.gridId && setD({ ...d, gridIds: toggle(d.gridIds, g.id) })}
          >
            {g.name}
          </View>
        ))}
      </View>
      <View className='gt-label'>专长（不选即负责全部事项）</View>
      <View className='gt-chips'>
        {props.groups.map((g) => (
          <View key={g} className={`chip ${d.specialties.includes(g) ? 'chip-on' : ''}`} data-testid={`specialty-${g}`} onClick={() => setD({ ...d, specialties: toggle(d.specialties, g) })}>
            {g}
          </View>
        ))}
      </View>
      {missing && <View className='muted'>请先选择团队角色</View>}
      <View className='gt-actions'>
        <Button className='btn-plain' onClick={props.onCancel}>
          取消
        </Button>
        <Button className='btn' data-testid='member-submit' loading={props.busy} disabled={missing || props.busy || undefined} onClick={() => props.onSubmit(d)} style={{ width: '48.5%', margin: 0 }}>
          {props.submitText}
        </Button>
      </View>
    </View>
  );
}
