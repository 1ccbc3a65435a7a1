import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { checkInvitationCode } from '@linli/shared/plain';
import { fetchFamilyLink } from '../../services/family';
import { errorMessage, isApiError } from '../../services/request';
import { canScan, scanQr } from '../../services/scan';

const openInvite = (code: string) => Taro.navigateTo({ url: `/packages/invite/index?code=${code}` });
const openFamily = (code: string) => Taro.navigateTo({ url: `/packages/family/index?code=${code}` });

/**
 * 输入邀请码: one box for both 8-character codes people are handed — a family member's 关联码 (opens
 * 家人关联请求) and a community or street admin's 邀请码 (opens 接受邀请). They look alike, so the code
 * is looked up as a family code first; an unknown one goes to 接受邀请, which says if it is unknown
 * there too. In the mini-program 扫码 reads either QR code (the page path) or the server's mini-program code.
 */
export function CodeEntry() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    const checked = checkInvitationCode(code);
    if (!checked.ok) return setError(checked.message);
    setError(null);
    setBusy(true);
    try {
      await fetchFamilyLink(checked.value);
      void openFamily(checked.value);
    } catch (e) {
      if (isApiError(e) && e.status === 404) void openInvite(checked.value);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const scan = async () => {
    const read = await scanQr();
    if (!read) return; // cancelled
    const found = /(invite|family)\/index\?(?:code|scene)=([A-Za-z0-9]{8})/.exec(`${read.path} ${read.result}`);
    if (!found) return setError('这不是邻里的邀请二维码');
    const c = found[2]!.toUpperCase();
    void (found[1] === 'family' ? openFamily(c) : openInvite(c));
  };
  return (
    <View className='card' data-testid='invite-entry'>
      <View className='title'>输入邀请码</View>
      <View className='muted'>家人请您同意关联，或社区、街道邀请您担任网格员等岗位时，会给您一个 8 位码</View>
      <View className='row' style={{ marginTop: '8px' }}>
        <Input
          className='input'
          style={{ flex: 1, letterSpacing: '4px' }}
          data-testid='invite-code-input'
          value={code}
          maxlength={8}
          placeholder='8 位邀请码'
          onInput={(e) => setCode(e.detail.value.toUpperCase())}
          onConfirm={() => void open()}
        />
        <Button className='btn-inline btn' style={{ marginTop: '8px' }} data-testid='open-invite' loading={busy} disabled={busy || undefined} onClick={() => void open()}>
          查看
        </Button>
      </View>
      {canScan() && (
        <Button className='btn-plain' data-testid='invite-scan' onClick={() => void scan()}>
          扫码
        </Button>
      )}
      {error && (
        <View className='field-error' data-testid='error-invite-code'>
          {error}
        </View>
      )}
    </View>
  );
}
