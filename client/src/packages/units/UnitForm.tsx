/** 登记共建单位 (community staff): the unit's name and its contact, checked as the server checks them, confirmed in words, sent once per key. */
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { CreateUnitBody, type UnitDto } from '@linli/shared';
import { ErrorState } from '../../components/StateView';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { createUnit } from '../../services/units';
import { Field, TextInput } from '../activity-admin/fields';

export function UnitForm({ communityId, communityName, onCreated }: { communityId: string | null; communityName: string | null; onCreated: (u: UnitDto) => void }) {
  const [form, setForm] = useState({ name: '', contact: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per unit as written (and per community): a retried 登记 registers it once, a changed one is another.
  const key = useMemo(newIdempotencyKey, [form, communityId]);

  const set = (name: 'name' | 'contact', value: string) => {
    setForm((f) => ({ ...f, [name]: value }));
    setErrors((x) => (x[name] ? { ...x, [name]: '' } : x));
    setError(null);
  };

  const submit = async () => {
    setError(null);
    if (!communityId) return setError('请先选择社区');
    const checked = CreateUnitBody.safeParse({ communityId, ...form });
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message;
      setErrors(found);
      return;
    }
    const b = checked.data;
    const { confirm } = await Taro.showModal({
      title: '登记共建单位',
      content: `把「${b.name}」登记为${communityName ?? '本社区'}的共建单位${b.contact ? `，联系人${b.contact}` : ''}。登记后会生成 6 位报到码，单位的在职党员凭码报到；登记后名称不能修改。`,
      confirmText: '登记',
      cancelText: '再改改',
    });
    if (!confirm) return;
    setBusy(true);
    setErrors({});
    try {
      const { unit } = await createUnit(b, key);
      setForm({ name: '', contact: '' });
      onCreated(unit);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(fields);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='unit-form'>
      <View className='title'>登记共建单位</View>
      <Field label='单位名称' name='name' errors={errors}>
        <TextInput name='name' value={form.name} maxlength={40} placeholder='如：峨眉山市税务局' onChange={(v) => set('name', v)} />
      </Field>
      <Field label='联系人（选填）' hint='单位负责联络报到的人，可写姓名和电话' name='contact' errors={errors}>
        <TextInput name='contact' value={form.contact} maxlength={40} placeholder='如：李书记 13800000000' onChange={(v) => set('contact', v)} />
      </Field>
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='unit-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        登记
      </Button>
    </View>
  );
}
