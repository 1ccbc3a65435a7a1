import { View } from '@tarojs/components';
import type { Draft, Errors } from './draft';
import { NumField, TextField } from './fields';

type Edit = (change: (d: Draft) => void, path?: string) => void;

/** 基本信息: name, address and phone residents see, and the staff total the rota rule is counted on. */
export function BasicSection({ draft, errors, edit }: { draft: Draft; errors: Errors; edit: Edit }) {
  return (
    <View className='card' data-testid='section-basic-body'>
      <TextField label='名称' path='name' value={draft.name} maxlength={40} error={errors.name} onChange={(v) => edit((d) => void (d.name = v), 'name')} />
      <TextField label='地址' path='address' value={draft.address} error={errors.address} onChange={(v) => edit((d) => void (d.address = v), 'address')} />
      <TextField label='电话（居民可拨打）' path='phone' value={draft.phone} maxlength={20} error={errors.phone} onChange={(v) => edit((d) => void (d.phone = v), 'phone')} />
      <NumField
        label='工作人员总数'
        hint='周末和节假日在岗人数应不少于总数的三分之一'
        unit='人'
        path='staffTotal'
        value={draft.staffTotal}
        error={errors.staffTotal}
        onChange={(v) => edit((d) => void (d.staffTotal = v), 'staffTotal')}
      />
    </View>
  );
}
