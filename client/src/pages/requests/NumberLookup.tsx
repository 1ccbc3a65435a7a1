import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { checkRequestNumber } from '@linli/shared/plain';
import { errorMessage } from '../../services/request';
import { fetchRequestByNumber } from '../../services/requests';

/**
 * 按受理编号查找: a resident calls and reads out the number on his receipt; the staff member types it
 * (spaces and dashes as heard) and opens the item, if it is his unit's to see.
 */
export function NumberLookup() {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    const checked = checkRequestNumber(typed);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const { request } = await fetchRequestByNumber(checked.value);
      setTyped('');
      await Taro.navigateTo({ url: `/packages/request-detail/index?id=${encodeURIComponent(request.id)}` });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='number-lookup'>
      <View className='row' style={{ gap: '16px', alignItems: 'center' }}>
        <Input
          className='input'
          style={{ flex: 1, marginTop: 0 }}
          data-testid='number-input'
          type='text'
          maxlength={24}
          value={typed}
          placeholder='按受理编号查找，如 20261203-0042'
          confirmType='search'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => void find()}
        />
        <Button className='btn-inline btn-plain' data-testid='number-find' loading={busy} disabled={busy || undefined} onClick={() => void find()}>
          查找
        </Button>
      </View>
      {problem && (
        <View className='field-error' role='alert' data-testid='number-error'>
          {problem}
        </View>
      )}
    </View>
  );
}
