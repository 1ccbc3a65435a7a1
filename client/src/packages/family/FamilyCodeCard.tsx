import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { FamilyLinkCodeDto } from '@linli/shared';
import { QrCode, spacedCode } from '../../components/QrCode';
import { formatTime } from '../../utils/format';

/** The code to hand to the family member: large and spaced, its expiry, 复制关联码, the QR code and what to do. */
export function FamilyCodeCard({ request }: { request: FamilyLinkCodeDto }) {
  const copy = () => void Taro.setClipboardData({ data: request.code });
  return (
    <View className='card' data-testid='family-code-card'>
      <View className='title'>
        请您的<Text data-testid='card-relation'>{request.relationLabel}</Text>同意关联
      </View>
      <View className='muted' style={{ marginTop: '24px' }}>
        关联码
      </View>
      <View className='code-big' data-testid='family-code'>
        {spacedCode(request.code)}
      </View>
      <View className='muted center' data-testid='card-expiry'>
        有效期至 {formatTime(request.expiresAt)}
      </View>
      <Button className='btn' data-testid='copy-code' onClick={copy}>
        复制关联码
      </Button>
      <QrCode text={request.path} testid='family-qr' wxacode={request.status === 'open' ? `/family-links/${request.code}/wxacode` : undefined} />
      <View className='notice' style={{ marginTop: '24px' }} data-testid='family-how'>
        <View className='title'>请家人这样做</View>
        <View className='notice-item'>1. 用家人自己的微信打开“邻里”小程序，点下面的“我的”。</View>
        <View className='notice-item'>2. 在“输入邀请码”里填上面的 8 位关联码，点“查看”；或点“扫码”扫上面的二维码。</View>
        <View className='notice-item'>3. 看清是您发起的，点“同意”。</View>
        <View className='notice-item muted'>同意后，您可以代家人预约服务、查看家人的积分；家人随时可以解除。</View>
      </View>
    </View>
  );
}
