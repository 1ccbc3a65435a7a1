import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { DEPARTMENT_KIND_LABELS, DEPARTMENT_KINDS } from '@linli/shared';
import type { ActionForm } from './useActionForm';
import type { Named } from './useStaffOptions';
import { confirmations } from './wording';

/** The street calls departments to the item (吹哨报到); the first one picked leads. Asked first. */
export function DispatchPanel({ form, departments }: { form: ActionForm; departments: Named[] }) {
  const { act, busy, text, confirmThen } = form;
  const name = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  const send = () =>
    confirmThen(confirmations.dispatch(name(chosen[0]!), chosen.slice(1).map(name)), () =>
      act({ action: 'dispatch', lead: chosen[0], others: chosen.slice(1), note: text || undefined }),
    );
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  return (
    <View style={{ marginTop: '16px' }} data-testid='dispatch'>
      <View className='muted'>派单（吹哨报到）：先选的单位牵头</View>
      {DEPARTMENT_KINDS.map((kind) => {
        const list = departments.filter((d) => (d.kind ?? 'department') === kind);
        return list.length === 0 ? null : (
          <View key={kind} data-testid={`dispatch-${kind}`}>
            <View className='muted'>{DEPARTMENT_KIND_LABELS[kind]}</View>
            <View className='row wrap'>
              {list.map((d) => (
                <View key={d.id} className={`chip ${chosen.includes(d.id) ? 'chip-on' : ''}`} onClick={() => toggle(d.id)}>
                  {chosen[0] === d.id ? '牵头·' : ''}
                  {d.name}
                </View>
              ))}
            </View>
          </View>
        );
      })}
      <Button className='btn-plain' data-testid='action-dispatch' disabled={busy || chosen.length === 0 || undefined} onClick={() => void send()}>
        派单
      </Button>
    </View>
  );
}
