/** The registration form's parts: where each field error shows, the labelled field, and where to go after. */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';

const TAB_PAGES = ['/pages/stations/index', '/pages/requests/index', '/pages/booking/index', '/pages/points/index', '/pages/me/index'];


/** Where a server or schema field error is shown: every place.* by the place, phoneCode by the phone. */
export function fieldKey(field: string): string {
  if (field.startsWith('place')) return 'place';
  if (field === 'phoneCode') return 'phone';
  return field;
}
export const SHOWN = new Set(['place', 'address.building', 'address.unit', 'address.room', 'name', 'phone']);

/** Where to go after registering: the page given in `redirect` (this app's pages only), else back. */
export function leave(redirect: string | undefined) {
  let to = '';
  try {
    to = redirect ? decodeURIComponent(redirect) : '';
  } catch {
    to = '';
  }
  if (/^\/(pages|packages)\//.test(to)) {
    if (TAB_PAGES.includes(to.split('?')[0]!)) void Taro.switchTab({ url: to });
    else void Taro.redirectTo({ url: to });
  } else if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack();
  } else {
    void Taro.switchTab({ url: '/pages/me/index' });
  }
}

export function Field({ name, label, optional, hint, error, children }: { name: string; label: string; optional?: boolean; hint?: string; error?: string; children: ReactNode }) {
  return (
    <View className='field'>
      <View className='label'>
        {label}
        {optional && <Text className='muted'>（选填）</Text>}
      </View>
      {hint && <View className='muted'>{hint}</View>}
      {children}
      {error && <View className='field-error' data-testid={`error-${name}`}>{error}</View>}
    </View>
  );
}

