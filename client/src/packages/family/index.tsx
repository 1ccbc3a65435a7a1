import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { type FamilyLinkCodeDto, type FamilyLinkDto, InvitationCode } from '@linli/shared';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ErrorState } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { goLoginAndReturn } from '../../services/auth';
import { Consent } from './Consent';
import { FamilyCodeCard } from './FamilyCodeCard';
import { FamilyLinkForm } from './FamilyLinkForm';
import { FamilyList } from './FamilyList';
import { pageClass } from '../../services/care';
import { usePullRound } from '../../hooks/usePullToRefresh';

type Mode = 'list' | 'form' | 'code';

/** The code from `?code=` (the path in the QR code, 输入邀请码 on 我的) or `?scene=` (a mini-program code from the server). */
function codeOf(params: Record<string, string | undefined>): string | null {
  const raw = params.code ?? params.scene;
  if (raw === undefined || raw === '') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const top = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });

/**
 * 我的家人. Without a code: my links in two groups with 解除, and 邀请家人 → the code, large, with
 * its QR code. With `?code=` / `?scene=`: the request behind it, to 同意 or 不同意; after that, my
 * links. One must be signed in: the mini-program signs in silently, H5 goes to 我的 and comes back.
 */
export default function FamilyPage() {
  const { params } = useRouter();
  const raw = codeOf(params);
  const parsed = raw === null ? null : InvitationCode.safeParse(raw);
  const code = parsed?.success ? parsed.data : null;
  const { session, loginError, refresh } = useSession();
  const [answered, setAnswered] = useState<{ items: FamilyLinkDto[] | null; request: FamilyLinkCodeDto } | null>(null);
  const [mode, setMode] = useState<Mode>('list');
  const [shown, setShown] = useState<FamilyLinkCodeDto | null>(null);
  const round = usePullRound();

  if (!session) {
    const login = () => void goLoginAndReturn(code ? `/packages/family/index?code=${code}` : '/packages/family/index');
    return (
      <View className={pageClass('page-lg')} data-testid='family-login'>
        <View className='card'>
          <View className='title'>请先登录</View>
          <View className='muted'>{code ? '登录后查看家人发来的关联请求' : '登录后查看和邀请您的家人'}</View>
          {loginError && <ErrorState message={loginError} onRetry={() => void refresh()} />}
          <Button className='btn' data-testid='family-go-login' onClick={login}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  if (parsed && !parsed.success) {
    return (
      <View className={pageClass('page-lg')}>
        <ErrorState message={parsed.error.issues[0]?.message ?? '关联码不正确'} />
        <View className='muted'>请核对关联码，在“我的”页重新输入</View>
        <Button className='btn' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
          去“我的”页
        </Button>
      </View>
    );
  }

  if (code && !answered) {
    return (
      <View className={pageClass('page-lg')}>
        <Consent
          code={code}
          onDone={(items, request) => {
            setAnswered({ items, request });
            top();
          }}
        />
      </View>
    );
  }

  const showCode = (r: FamilyLinkCodeDto) => {
    setShown(r);
    setMode('code');
    top();
  };

  return (
    <View className={pageClass('page-lg')} data-testid='family-page'>
      {answered && mode === 'list' && (
        <View className='banner' data-testid='family-answered'>
          {answered.items
            ? `您已同意。${answered.request.requesterName}现在可以代您预约服务、查看您的积分。`
            : `您没有同意，${answered.request.requesterName}不能代您办理。`}
        </View>
      )}
      {mode === 'list' && (
        <View>
          <Button className='btn' style={{ marginTop: 0, marginBottom: '20px' }} data-testid='new-family-link' onClick={() => setMode('form')}>
            邀请家人
          </Button>
          <FamilyList key={round} initial={round === 0 ? (answered?.items ?? undefined) : undefined} />
        </View>
      )}
      {mode === 'form' && <FamilyLinkForm onCreated={showCode} />}
      {mode === 'code' && shown && <FamilyCodeCard request={shown} />}
      {mode !== 'list' && (
        <Button className='btn-plain' data-testid='back-to-family' onClick={() => setMode('list')}>
          返回我的家人
        </Button>
      )}
      {/* weapp: 复制关联码 (the clipboard) asks for 隐私授权 here */}
      <PrivacyPopup />
    </View>
  );
}
