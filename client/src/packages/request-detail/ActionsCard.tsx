import { Textarea, View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';
import { PhotoPicker } from '../../components/PhotoPicker';
import { ResidentActions } from './ResidentActions';
import { StaffActions } from './StaffActions';
import { useActionForm } from './useActionForm';
import type { Duplicate } from './useDuplicates';
import type { Named } from './useStaffOptions';

interface Props {
  request: RequestDetail;
  staff: boolean;
  reporter: boolean;
  grids: Named[];
  departments: Named[];
  duplicates: Duplicate[];
  onChange: (r: RequestDetail) => void;
  /** A step was refused with 403/409: read the item again; true when it had moved on (the page says so). */
  onRefused: (seen: RequestDetail) => Promise<boolean>;
}

/**
 * What can be done on an open or resolved item: one text (and, for staff, photos) shared by the
 * staff actions and the reporter's own (add info, withdraw, rate).
 */
export function ActionsCard({ request: r, staff, reporter, grids, departments, duplicates, onChange, onRefused }: Props) {
  const form = useActionForm(r, onChange, onRefused);
  return (
    <View className='card'>
      <Textarea
        className='textarea'
        data-testid='action-text'
        value={form.text}
        maxlength={500}
        placeholder={staff ? '办理进展、结果或上报原因' : '补充说明'}
        onInput={(e) => form.setText(e.detail.value)}
      />
      {staff && r.status === 'accepted' && <PhotoPicker key={form.pickerKey} onChange={form.setPhotos} label='现场照片' />}
      {form.fieldError && (
        <View className='field-error' role='alert' data-testid='action-error'>
          {form.fieldError}
        </View>
      )}
      {staff && <StaffActions request={r} form={form} grids={grids} departments={departments} duplicates={duplicates} />}
      {reporter && <ResidentActions request={r} form={form} />}
    </View>
  );
}
