import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InvitationDto } from '@linli/shared';
import { QrCode, spacedCode } from '../../components/QrCode';
import { formatTime } from '../../utils/format';

/** The code to hand over: large and spaced, with its expiry, 复制邀请码 and the QR code. */
export function CodeCard({ invitation }: { invitation: InvitationDto }) {
  const copy = () => void Taro.setClipboardData({ data: invitation.code });
  return (
    <View className='card' data-testid='invitation-card'>
      <View className='muted'>
        邀请 <Text data-testid='card-invitee'>{invitation.inviteeName}</Text> 担任
      </View>
      <View className='title' style={{ marginTop: '8px' }} data-testid='card-role'>
        {invitation.roleLabel}
      </View>
      <View className='place-line' style={{ marginTop: '4px' }}>
        {invitation.placeName}
      </View>
      <View className='muted' style={{ marginTop: '24px' }}>
        邀请码
      </View>
      <View className='code-big' data-testid='invitation-code'>
        {spacedCode(invitation.code)}
      </View>
      <View className='muted center' data-testid='card-expiry'>
        有效期至 {formatTime(invitation.expiresAt)}
      </View>
      <Button className='btn' data-testid='copy-code' onClick={copy}>
        复制邀请码
      </Button>
      <QrCode text={invitation.path} testid='invitation-qr' wxacode={invitation.status === 'open' ? `/invitations/${invitation.code}/wxacode` : undefined} />
      <View className='muted' style={{ marginTop: '16px' }}>
        请被邀请人打开“邻里”小程序，在“我的”页输入邀请码，或点“扫码”扫描上面的二维码，登录后接受邀请。
      </View>
    </View>
  );
}
