import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { OFFERING_KINDS, OFFERING_KIND_LABELS, type Offering } from '@linli/shared';
import { type Draft, type Errors, freshId } from './draft';
import { ChoiceField, FieldError, LinesField, NumField, TextField } from './fields';
import { OfferingKind, withKind } from './OfferingKind';

type Edit = (change: (d: Draft) => void, path?: string) => void;

const WINDOWS = '综合窗口';

/**
 * 办事项目: each offering as one line (name, kind, where, paused) opened to edit its name, time,
 * what to bring, where, the room or the all-purpose windows, open or paused, and its kind's details.
 */
export function OfferingsSection({ draft, errors, edit }: { draft: Draft; errors: Errors; edit: Edit }) {
  const [open, setOpen] = useState<number | null>(null);
  const bad = (i: number) => Object.keys(errors).some((p) => p.startsWith(`offerings.${i}.`));
  const put = (i: number, o: Offering, field: string) => {
    setOpen(i);
    edit((d) => void (d.offerings[i] = o), `offerings.${i}.${field}`);
  };
  const add = () => {
    edit((d) =>
      void d.offerings.push({ id: freshId('item', d.offerings), name: '', minutes: 15, bring: [], where: '', room: null, active: true, kind: 'appointment', sessions: [], term: null, daily: null }),
    );
    setOpen(draft.offerings.length);
  };
  const roomName = (id: string | null) => (id === null ? WINDOWS : draft.rooms.find((r) => r.id === id)?.name ?? '（房间已删除）');
  return (
    <View data-testid='section-offerings-body'>
      <FieldError path='offerings' error={errors.offerings} />
      {draft.offerings.map((o, i) => {
        const at = `offerings.${i}`;
        const shown = open === i || bad(i);
        return (
          <View key={o.id} className={`card ${bad(i) ? 'cs-card-bad' : ''}`} data-testid={`offering-${i}`}>
            <View className='row between' onClick={() => setOpen(shown && open === i ? null : i)}>
              <View style={{ flex: 1 }}>
                <View className='title'>{o.name || '（未命名）'}</View>
                <View className='row wrap' style={{ marginTop: '8px' }}>
                  <Text className='tag tag-amenity'>{OFFERING_KIND_LABELS[o.kind]}</Text>
                  <Text className='tag tag-amenity'>{roomName(o.room)}</Text>
                  {!o.active && <Text className='tag tag-closed'>暂停预约</Text>}
                </View>
              </View>
              <View className='cs-toggle' data-testid={`toggle-${at}`}>
                {shown ? '收起' : '修改'}
              </View>
            </View>
            {shown && (
              <View>
                <FieldError path={`${at}.id`} error={errors[`${at}.id`]} />
                <TextField label='项目名称' path={`${at}.name`} value={o.name} maxlength={30} error={errors[`${at}.name`]} onChange={(v) => put(i, { ...o, name: v }, 'name')} />
                <NumField label='大约用时' unit='分钟' path={`${at}.minutes`} value={o.minutes} error={errors[`${at}.minutes`]} onChange={(v) => put(i, { ...o, minutes: v }, 'minutes')} />
                <LinesField label='请带材料（每行一项）' path={`${at}.bring`} value={o.bring} placeholder={'如：\n身份证\n户口簿'} error={errors[`${at}.bring`]} onChange={(v) => put(i, { ...o, bring: v }, 'bring')} />
                <TextField label='办理地点（居民可见）' path={`${at}.where`} value={o.where} maxlength={40} placeholder='如：一楼综合窗口' error={errors[`${at}.where`]} onChange={(v) => put(i, { ...o, where: v }, 'where')} />
                <ChoiceField
                  label='在哪里办（占用谁的名额）'
                  path={`${at}.room`}
                  value={o.room}
                  error={errors[`${at}.room`]}
                  options={[{ value: null, label: WINDOWS }, ...draft.rooms.map((r) => ({ value: r.id as string | null, label: r.name || '（未命名房间）' }))]}
                  onChange={(v) => put(i, { ...o, room: v }, 'room')}
                />
                <ChoiceField
                  label='是否开放预约'
                  path={`${at}.active`}
                  value={o.active}
                  options={[
                    { value: true, label: '开放预约' },
                    { value: false, label: '暂停预约' },
                  ]}
                  onChange={(v) => put(i, { ...o, active: v }, 'active')}
                />
                <ChoiceField
                  label='预约方式'
                  path={`${at}.kind`}
                  value={o.kind}
                  error={errors[`${at}.kind`]}
                  options={OFFERING_KINDS.map((k) => ({ value: k, label: OFFERING_KIND_LABELS[k] }))}
                  onChange={(v) => put(i, withKind(o, v), 'kind')}
                />
                <OfferingKind offering={o} at={at} errors={errors} onChange={(x) => put(i, x, x.kind === 'session' ? 'sessions' : x.kind)} />
              </View>
            )}
          </View>
        );
      })}
      {draft.offerings.length < 40 && (
        <Button className='btn-plain' data-testid='add-offering' onClick={add}>
          添加办事项目
        </Button>
      )}
    </View>
  );
}
