import { Button, View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';
import { isOpen } from './access';
import { DispatchPanel } from './DispatchPanel';
import { DuplicatePicker } from './DuplicatePicker';
import { GridPicker } from './GridPicker';
import type { ActionForm } from './useActionForm';
import type { Duplicate } from './useDuplicates';
import type { Named } from './useStaffOptions';
import { HotlineActions } from './HotlineActions';
import { confirmations } from './wording';

interface Props {
  request: RequestDetail;
  form: ActionForm;
  grids: Named[];
  departments: Named[];
  duplicates: Duplicate[];
}

/**
 * Staff actions, by status and level: accept, resolve, note, escalate, refuse; hand over or
 * assign to a grid; dispatch to departments and record them reporting in; merge a duplicate. The
 * steps that hand the item away (refuse, escalate, hand over, assign, dispatch, merge) say what will
 * happen and are sent only when confirmed.
 */
export function StaffActions({ request: r, form, grids, departments, duplicates }: Props) {
  const { act, busy, text, photos, confirmThen } = form;
  const reason = text.trim();
  const open = isOpen(r);
  const disabled = busy || undefined;
  return (
    <>
      {r.status === 'submitted' && (
        <Button className='btn' data-testid='action-accept' disabled={disabled} onClick={() => void act({ action: 'accept' })}>
          受理
        </Button>
      )}
      {r.status === 'accepted' && (
        <View>
          <Button
            className='btn'
            data-testid='action-resolve'
            disabled={disabled}
            onClick={() => void confirmThen(confirmations.resolve(reason), () => act({ action: 'resolve', result: text, photos }), '办理结果')}
          >
            办结
          </Button>
          <Button className='btn-plain' data-testid='action-note' disabled={disabled} onClick={() => void act({ action: 'note', note: text, photos })}>
            添加进展
          </Button>
        </View>
      )}
      {open && r.level !== 'street' && r.level !== 'department' && (
        <Button
          className='btn-plain'
          data-testid='action-escalate'
          disabled={disabled}
          onClick={() => void confirmThen(confirmations.escalate(r, reason), () => act({ action: 'escalate', reason: text }), '上报原因')}
        >
          上报上一级
        </Button>
      )}
      {r.status === 'submitted' && r.level !== 'street' && (
        <Button
          className='btn-plain'
          data-testid='action-refuse'
          disabled={disabled}
          onClick={() => void confirmThen(confirmations.refuse(reason), () => act({ action: 'refuse', reason: text }), '退单理由')}
        >
          退单（不属本单位职责）
        </Button>
      )}
      {open && (r.level === 'grid' || r.level === 'community') && grids.length > 1 && <GridPicker request={r} form={form} grids={grids} />}
      {r.level === 'street' && open && departments.length > 0 && <DispatchPanel form={form} departments={departments} />}
      {r.level === 'department' && open && (
        <View className='row wrap' style={{ marginTop: '16px' }}>
          {r.departments
            .filter((d) => !d.reportedInAt)
            .map((d) => (
              <View key={d.id} className='chip' onClick={() => void act({ action: 'report_in', department: d.id, note: text || '已报到' })}>
                {d.name}报到
              </View>
            ))}
        </View>
      )}
      {open && duplicates.length > 0 && <DuplicatePicker form={form} duplicates={duplicates} />}
      {open && r.hotline && <HotlineActions request={r} form={form} />}
    </>
  );
}
