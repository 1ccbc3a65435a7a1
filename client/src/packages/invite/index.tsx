import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { INVITATION_STATUS_LABELS, InvitationCode, type InvitationDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { goLoginAndReturn } from '../../services/auth';
import { acceptInvitation, fetchInvitation } from '../../services/invitations';
import { errorMessage, isApiError } from '../../services/request';
import { formatTime } from '../../utils/format';
import { pageClass } from '../../services/care';

/** Why an invitation that is no longer open cannot be accepted (as the server words it). */
const CLOSED: Record<Exclude<InvitationDto['status'], 'open'>, string> = {
  accepted: '该邀请码已被使用',
  revoked: '该邀请已被撤销',
  expired: '该邀请已过期，请联系邀请人重新邀请',
};

/** The code from `?code=` (the path in the QR code, 输入邀请码) or `?scene=` (a mini-program code from the server). */
function codeOf(params: Record<string, string | undefined>): string {
  const raw = params.code ?? params.scene ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const goMe = () => Taro.switchTab({ url: '/pages/me/index' });

/**
 * 接受邀请: what the invitation offers (role, place, who invites, until when); 接受邀请 after a
 * confirmation, then the new session is stored as after a login and 我的 shows the role. One must
 * be signed in first: the mini-program signs in silently, H5 goes to 我的 and comes back here.
 */
export default function InvitePage() {
  const { params } = useRouter();
  const parsed = InvitationCode.safeParse(codeOf(params));
  const code = parsed.success ? parsed.data : null;
  const { session, loginError, refresh } = useSession();
  const token = session?.token ?? null;
  const [inv, setInv] = useState<InvitationDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!code) return;
    setLoadError(null);
    try {
      setInv((await fetchInvitation(code)).invitation);
    } catch (e) {
      setLoadError(errorMessage(e));
      if (isApiError(e) && e.status === 401) void refresh(); // signed out: show 请先登录
    }
  }, [code, refresh]);

  useEffect(() => {
    if (token) void load();
  }, [token, load]);

  const login = () => {
    void goLoginAndReturn(code ? `/packages/invite/index?code=${code}` : undefined);
  };

  const accept = async () => {
    if (!inv || !code) return;
    const { confirm } = await Taro.showModal({
      title: '接受邀请',
      content: `接受后您将担任${inv.roleLabel}，负责${inv.placeName}。`,
      confirmText: '接受',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    setAcceptError(null);
    try {
      await acceptInvitation(code);
      await Taro.showToast({ title: '已接受邀请', icon: 'success' });
      void goMe();
    } catch (e) {
      // 已被使用 / 已撤销 / 已过期 / 已担任其他岗位: the server says which, in Chinese.
      setAcceptError(errorMessage(e));
      if (isApiError(e) && e.status === 409) void load();
    } finally {
      setBusy(false);
    }
  };

  if (!code) {
    return (
      <View className={pageClass('page-lg')}>
        <ErrorState message={parsed.error?.issues[0]?.message ?? '邀请码不正确'} />
        <View className='muted'>请核对邀请码，在“我的”页重新输入</View>
        <Button className='btn' onClick={() => void goMe()}>
          去“我的”页
        </Button>
      </View>
    );
  }

  if (!session) {
    return (
      <View className={pageClass('page-lg')} data-testid='invite-login'>
        <View className='card'>
          <View className='title'>请先登录</View>
          <View className='muted'>登录后查看并接受邀请（邀请码 {code}）</View>
          {loginError && <ErrorState message={loginError} onRetry={() => void refresh()} />}
          <Button className='btn' data-testid='invite-go-login' onClick={login}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  if (!inv) {
    return <View className={pageClass('page-lg')}>{loadError ? <ErrorState message={loadError} onRetry={() => void load()} /> : <Loading />}</View>;
  }

  const mine = inv.status === 'accepted' && inv.acceptedBy === session.user.id;
  return (
    <View className={pageClass('page-lg')} data-testid='invite-preview'>
      <View className='card'>
        <View className='muted'>{inv.inviterName ? `${inv.inviterName} 邀请您担任` : '邀请您担任'}</View>
        <View className='h1' style={{ marginTop: '8px' }} data-testid='invite-role'>
          {inv.roleLabel}
        </View>
        <View className='place-line' data-testid='invite-place'>
          {inv.placeName}
        </View>
        <View style={{ marginTop: '16px' }}>
          <View className='kv'>
            <Text className='muted kv-key'>被邀请人</Text>
            <Text>{inv.inviteeName}</Text>
          </View>
          <View className='kv'>
            <Text className='muted kv-key'>邀请人</Text>
            <Text>{inv.inviterName || '—'}</Text>
          </View>
          <View className='kv'>
            <Text className='muted kv-key'>有效期至</Text>
            <Text>{formatTime(inv.expiresAt)}</Text>
          </View>
          <View className='kv'>
            <Text className='muted kv-key'>状态</Text>
            <Text className={`tag ${inv.status === 'open' ? 'tag-warn' : inv.status === 'accepted' ? 'tag-open' : 'tag-closed'}`} data-testid='invite-status'>
              {INVITATION_STATUS_LABELS[inv.status]}
            </Text>
          </View>
        </View>
      </View>

      {acceptError && <ErrorState message={acceptError} />}
      {mine ? (
        <View>
          <View className='banner' data-testid='invite-mine'>
            您已接受这个邀请，正在担任{inv.roleLabel}。
          </View>
          <Button className='btn' onClick={() => void goMe()}>
            去“我的”页
          </Button>
        </View>
      ) : inv.status === 'open' ? (
        <View>
          <Button className='btn' data-testid='accept-invitation' loading={busy} disabled={busy || undefined} onClick={() => void accept()}>
            接受邀请
          </Button>
          <View className='muted' style={{ marginTop: '16px' }}>
            如果您不认识邀请人，或不打算担任这个岗位，请不要接受。
          </View>
        </View>
      ) : (
        !acceptError && (
          <View className='banner' data-testid='invite-closed'>
            {CLOSED[inv.status]}
          </View>
        )
      )}
    </View>
  );
}
