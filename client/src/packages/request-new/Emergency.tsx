import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EMERGENCY_NUMBERS, type EmergencyKind } from '@linli/shared';
import { EMERGENCY_ADVICE, emergencyNumbers } from './logic';

/** One tap dials (the mini-program asks to confirm the call; H5 opens the phone's dialler with tel:). */
const call = (phoneNumber: string) => void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);

/** Always on the form: this is not the way to get help now, and the three numbers that are. */
export function EmergencyBanner() {
  return (
    <View className='fl-sos' data-testid='emergency-banner'>
      <View className='fl-sos-text'>本页面不是紧急求助渠道。着火、燃气泄漏、有人受伤或遇到违法犯罪，请直接打电话：</View>
      <View className='row wrap'>
        {EMERGENCY_NUMBERS.map((n) => (
          <View key={n.number} className='fl-call' data-testid={`call-${n.number}`} onClick={() => call(n.number)}>
            📞{n.number} {n.label}
          </View>
        ))}
      </View>
    </View>
  );
}

/**
 * Shown as soon as a category that may be an emergency is picked, above the rest of the form: what
 * to do now, the number for it first (one tap), the other two, and that filing here is slower.
 */
export function EmergencyOffer({ kind, acceptWithin }: { kind: EmergencyKind; acceptWithin: string }) {
  const [first, ...others] = emergencyNumbers(kind);
  return (
    <View className='fl-offer' data-testid='emergency-offer'>
      <View className='fl-offer-title'>⚠️ 如果危险正在发生，请先打电话</View>
      <View className='fl-offer-text'>{EMERGENCY_ADVICE[kind]}</View>
      <View className='fl-offer-text' data-testid='not-emergency'>
        本页面不是紧急求助渠道：在这里反映，网格员 {acceptWithin}受理，不能马上赶到。
      </View>
      <Button className='btn' data-testid={`offer-call-${first!.number}`} onClick={() => call(first!.number)}>
        📞 拨打 {first!.number}（{first!.label}）
      </Button>
      {others.map((n) => (
        <Button key={n.number} className='btn-plain' data-testid={`offer-call-${n.number}`} onClick={() => call(n.number)}>
          拨打 {n.number}（{n.label}）
        </Button>
      ))}
      <View className='fl-offer-text'>没有危险、只是隐患，请在下面继续填写。</View>
    </View>
  );
}
