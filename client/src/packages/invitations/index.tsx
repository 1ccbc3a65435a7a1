import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { InvitationDto } from '@linli/shared';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { useSession } from '../../hooks/useSession';
import { CodeCard } from './CodeCard';
import { InvitationForm } from './InvitationForm';
import { InvitationList } from './InvitationList';
import { appointableRoles, mayListInvitations } from './roles';
import { pageClass } from '../../services/care';
import { usePullRound } from '../../hooks/usePullToRefresh';
import { SignInFirst } from '../../components/StateView';

type Mode = 'list' | 'form' | 'code';

/**
 * 人员邀请 (community, street and platform admins): 邀请新人员 → the code, large, with its QR code;
 * 邀请记录 with status filters and 撤销. A platform administrator (who invites street admins) has no
 * list: the API lists invitations for community and street admins only.
 */
export default function InvitationsPage() {
  const { session } = useSession();
  const roles = session?.user.roles ?? [];
  const canList = mayListInvitations(roles);
  const [mode, setMode] = useState<Mode>(canList ? 'list' : 'form');
  const [shown, setShown] = useState<InvitationDto | null>(null);
  const round = usePullRound();

  if (!session) return <SignInFirst />;
  if (appointableRoles(roles).length === 0) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>没有邀请权限</View>
          <View className='muted'>社区、街道工作人员可以邀请人员担任网格员等岗位</View>
          <Button className='btn-plain' onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </View>
      </View>
    );
  }

  const showCode = (i: InvitationDto) => {
    setShown(i);
    setMode('code');
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  };
  const toList = () => setMode(canList ? 'list' : 'form');

  return (
    <View className={pageClass('page-lg')} data-testid='invitations-page'>
      {mode === 'list' && (
        <View>
          <Button className='btn' style={{ marginTop: 0, marginBottom: '20px' }} data-testid='new-invitation' onClick={() => setMode('form')}>
            邀请新人员
          </Button>
          <InvitationList key={round} onShowCode={showCode} />
        </View>
      )}
      {mode === 'form' && (
        <View>
          <InvitationForm user={session.user} onCreated={showCode} />
          {canList && (
            <Button className='btn-plain' data-testid='back-to-list' onClick={toList}>
              返回邀请记录
            </Button>
          )}
        </View>
      )}
      {mode === 'code' && shown && (
        <View>
          <CodeCard invitation={shown} />
          <Button className='btn-plain' data-testid='invite-another' onClick={() => setMode('form')}>
            再邀请一位
          </Button>
          {canList && (
            <Button className='btn-plain' data-testid='back-to-list' onClick={toList}>
              返回邀请记录
            </Button>
          )}
        </View>
      )}
      {/* weapp: 复制邀请码 (the clipboard) asks for 隐私授权 here */}
      <PrivacyPopup />
    </View>
  );
}
