import { Input, View } from '@tarojs/components';
import { REQUEST_LIMITS } from '@linli/shared';
import type { Place } from '../../hooks/useLocation';
import { LimitLine } from './Fields';
import type { Frame, Point } from './logic';
import { PinPicker } from './PinPicker';

interface Props {
  place: Place | null;
  denied: string | null;
  declined: boolean;
  retry: () => void;
  frame: Frame | null;
  pin: Point | null;
  onPin: (p: Point | null) => void;
  pickerOpen: boolean;
  onOpenPicker: () => void;
  address: string;
  onAddress: (a: string) => void;
  /** A submit was tried: what is missing shows in red. */
  tried: boolean;
  errors: Record<string, string>;
}

/**
 * 问题在哪里: the phone's location when it has one, else (or when it is wrong) a pin placed on the
 * plan; until one of them is there the request is not sent, and the card says so. Then the address.
 */
export function LocationCard(p: Props) {
  const device = p.place?.source === 'device' ? p.place : null;
  const showPicker = p.pickerOpen || p.pin !== null || p.place?.source === 'fallback';
  const status = p.pin
    ? '📍 已在图上标出问题位置，提交时按图钉的位置'
    : device
      ? '✅ 已获取您当前的位置，提交时按这个位置'
      : p.place
        ? `${p.denied ?? '未能定位'}。请在下面的图上标出问题所在的位置。`
        : '正在定位…';
  const missing = !p.pin && !device;
  return (
    <View className='card' data-testid='location-card'>
      <View className='title'>问题在哪里</View>
      <View style={{ marginTop: '8px' }} data-testid='location-status'>
        {status}
      </View>
      <View className='row wrap' style={{ marginTop: '12px' }}>
        {p.place?.source === 'fallback' && (
          <View className='chip' data-testid='relocate' onClick={() => void p.retry()}>
            重新定位
          </View>
        )}
        {!showPicker && (
          <View className='chip' data-testid='pin-open' onClick={p.onOpenPicker}>
            {device ? '位置不对？在图上标出' : '不等了，在图上标出'}
          </View>
        )}
        {p.pin && device && (
          <View className='chip' data-testid='use-device' onClick={() => p.onPin(null)}>
            改用我现在的位置
          </View>
        )}
      </View>
      {p.declined && (
        <View className='muted' style={{ marginTop: '8px' }} data-testid='location-manual'>
          请在下面写清楚问题在哪里，网格员按地址找到现场
        </View>
      )}
      {showPicker &&
        (p.frame ? (
          <PinPicker frame={p.frame} pin={p.pin} onPin={p.onPin} device={device} onPlaceName={(name) => !p.address.trim() && p.onAddress(name)} />
        ) : (
          <View className='muted' style={{ marginTop: '12px' }}>
            正在准备问题位置图…
          </View>
        ))}
      {missing && (
        <View className={p.tried ? 'field-error' : 'fl-need'} data-testid='location-needed'>
          {p.place ? '还没有标出问题的位置：在图上点一下问题所在的地方，标好后才能提交。' : '正在定位，定位成功或在图上标出位置后才能提交。'}
        </View>
      )}
      {p.errors.location && !missing && <View className='field-error'>{p.errors.location}</View>}
      <View className='title' style={{ marginTop: '24px' }}>
        详细地址（选填）
      </View>
      <Input
        className='input'
        data-testid='request-address'
        value={p.address}
        maxlength={REQUEST_LIMITS.address.max + 50}
        placeholder='补充地址，如：名山小区 3 栋 2 单元'
        onInput={(e) => p.onAddress(e.detail.value)}
      />
      <LimitLine text={p.address} limit={REQUEST_LIMITS.address} label='地址' short={false} serverError={p.errors.address} testid='address' />
    </View>
  );
}
