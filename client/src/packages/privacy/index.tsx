import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { type ReactNode, useEffect, useState } from 'react';
import { ErrorState } from '../../components/StateView';
import {
  agreePrivacy,
  getPrivacyState,
  PRIVACY_UPDATED,
  PRIVACY_VERSION,
  storedAgreement,
  subscribePrivacy,
} from '../../services/privacy';
import { errorMessage } from '../../services/request';
import { getSession, signOut } from '../../services/session';
import { deleteAccount } from './account';
import { pageClass } from '../../services/care';

const isWeapp = process.env.TARO_ENV === 'weapp';

function Section({ title, children, testid }: { title: string; children: ReactNode; testid?: string }) {
  return (
    <View className='card notice' data-testid={testid}>
      <View className='title'>{title}</View>
      {children}
    </View>
  );
}

function Item({ name, children }: { name?: string; children: ReactNode }) {
  return (
    <View className='notice-item'>
      {name && <Text className='notice-key'>{name}：</Text>}
      {children}
    </View>
  );
}

const dateText = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()} 年 ${d.getMonth() + 1} 月 ${d.getDate()} 日`;
};

/**
 * 您的选择: whether this version is agreed to, and (when not) the agreement itself, so a feature
 * that sent the user here can go on (weapp: an agreePrivacyAuthorization button).
 */
function MyChoice() {
  const [agreement, setAgreement] = useState(storedAgreement);
  const [waiting, setWaiting] = useState(() => getPrivacyState().ask !== null);
  useEffect(
    () =>
      subscribePrivacy(() => {
        setAgreement(storedAgreement());
        setWaiting(getPrivacyState().ask !== null);
      }),
    [],
  );
  const agree = (buttonId?: string) => {
    const back = waiting;
    agreePrivacy(buttonId);
    // Opened from the popup: back to the feature, which now goes on.
    if (back && Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  };
  const current = agreement?.version === PRIVACY_VERSION;
  return (
    <Section title='您的选择' testid='privacy-choice'>
      {current ? (
        <Item>
          您已于 {dateText(agreement.at)} 同意本指引（第 {PRIVACY_VERSION} 版）。
        </Item>
      ) : (
        <View>
          <Item>{agreement ? '本指引已更新，您还没有同意新的版本。' : '您还没有同意本指引。'}不同意时，定位、微信手机号和添加照片不能使用，其他功能照常。</Item>
          <Button
            className='btn'
            id='privacy-agree-notice'
            data-testid='notice-agree'
            openType={isWeapp ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={() => agree('privacy-agree-notice')}
            onClick={isWeapp ? undefined : () => agree()}
          >
            同意本指引
          </Button>
        </View>
      )}
      {isWeapp && (
        <View className='privacy-more' onClick={() => Taro.openPrivacyContract({})}>
          查看在微信登记的隐私保护指引
        </View>
      )}
    </Section>
  );
}

type Step = 'idle' | 'confirm' | 'final' | 'done';

/** 注销账号, confirmed twice; the session is cleared once the server has erased the account. */
function DeleteAccount() {
  const [signedIn, setSignedIn] = useState(() => getSession() !== null);
  const [step, setStep] = useState<Step>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => setSignedIn(getSession() !== null));

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteAccount();
      signOut();
      setSignedIn(false);
      setStep('done');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (step === 'done') {
    return (
      <Section title='账号已注销' testid='account-deleted'>
        <Item>您的姓名、手机号和住址已经删除，您已退出登录。</Item>
        <Item>以后再用微信登录，会是一个新的账号。</Item>
        <Button className='btn-plain' data-testid='deleted-home' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
          返回“我的”
        </Button>
      </Section>
    );
  }
  return (
    <Section title='六、如何删除您的信息' testid='delete-account'>
      <Item>您可以随时注销账号：</Item>
      <Item name='立即删除'>您的姓名、手机号和住址。</Item>
      <Item name='保留'>您反映过的问题会保留，以便继续办理，但不再显示您的姓名和手机号。</Item>
      <Item name='亲属关联'>会同时解除。</Item>
      <Item name='工作人员'>担任网格员等岗位的，请先由所在单位撤销岗位，再注销。</Item>
      {!signedIn && <Item>登录后，可以在这里注销账号。</Item>}
      {signedIn && step === 'idle' && (
        <Button className='btn-danger' data-testid='delete-account-start' onClick={() => setStep('confirm')}>
          注销账号
        </Button>
      )}
      {signedIn && step === 'confirm' && (
        <View className='error' style={{ marginTop: '24px' }} data-testid='delete-confirm-1'>
          <View className='notice-key'>确定要注销账号吗？</View>
          <View>注销后不能恢复，您需要重新登记住址才能反映问题、预约服务。</View>
          <Button className='btn-danger' data-testid='delete-account-continue' onClick={() => setStep('final')}>
            继续注销
          </Button>
          <Button className='btn-plain' data-testid='delete-account-cancel' onClick={() => setStep('idle')}>
            不注销了
          </Button>
        </View>
      )}
      {signedIn && step === 'final' && (
        <View className='error' style={{ marginTop: '24px' }} data-testid='delete-confirm-2'>
          <View className='notice-key'>最后确认：现在注销账号</View>
          <View>点“确认注销”后，您的姓名、手机号和住址会立即删除。</View>
          <Button className='btn-danger-solid' data-testid='delete-account-confirm' loading={busy} disabled={busy || undefined} onClick={() => void erase()}>
            确认注销
          </Button>
          <Button className='btn-plain' data-testid='delete-account-cancel' disabled={busy || undefined} onClick={() => setStep('idle')}>
            不注销了
          </Button>
        </View>
      )}
      {error && <ErrorState message={error} />}
    </Section>
  );
}

/** 《邻里隐私保护指引》: what we collect, why, who sees it, how long, how to delete it, whom to ask. */
export default function PrivacyNoticePage() {
  // Opened from the popup or another page: a plain way back (older users may not find the arrow).
  const [canGoBack] = useState(() => Taro.getCurrentPages().length > 1);
  return (
    <View className={pageClass('page-lg')} data-testid='privacy-notice'>
      <View className='card notice'>
        <View className='h1'>邻里隐私保护指引</View>
        <View className='muted'>
          第 {PRIVACY_VERSION} 版 · {PRIVACY_UPDATED}更新
        </View>
        <Item>邻里为社区居民提供接诉即办、延时服务、志愿积分和暖新驿站。我们只收集办事需要的信息，下面用简单的话说明。</Item>
      </View>

      <Section title='一、我们收集哪些信息' testid='notice-collect'>
        <Item name='微信标识 openid'>您用微信登录时，微信给我们的一串编号，用来认出是您。我们看不到您的微信号和聊天内容。</Item>
        <Item name='姓名'>居民登记时您填写的姓名。</Item>
        <Item name='手机号'>您填写的，或您同意后由微信提供的手机号。</Item>
        <Item name='住址'>您登记的社区、网格和门牌（楼栋、单元、房号）。</Item>
        <Item name='位置'>您使用定位时手机给出的位置。</Item>
        <Item name='照片'>您反映问题时自己拍下或选中的照片。</Item>
        <Item name='反映的问题内容'>问题类别、描述、补充地址，以及办理过程中您的补充和评价。</Item>
      </Section>

      <Section title='二、为什么需要' testid='notice-why'>
        <Item name='位置'>查找附近驿站、确认您所在网格、标注反映问题的地点。只在您用到这些功能时获取。</Item>
        <Item name='手机号'>便于网格员核实住址和联系您。</Item>
        <Item name='照片'>反映问题时拍下现场，方便工作人员了解情况。</Item>
        <Item name='姓名和住址'>网格员核实您住在本社区，办理问题、预约服务时能找到您。</Item>
        <Item name='微信标识'>让您登录，并保持登录。</Item>
      </Section>

      <Section title='三、谁能看到' testid='notice-who'>
        <Item name='工作人员'>网格员、社区和街道工作人员按职责查看：网格员看本网格的，社区看本社区的，街道看本街道的。</Item>
        <Item name='匿名反映'>选择匿名时，网格员看不到您的姓名，社区及以上工作人员可以看到。</Item>
        <Item name='其他居民'>关注同一问题的其他居民，看不到您的姓名和手机号。</Item>
        <Item name='手机号'>在界面上打码显示，例如 139****5678。</Item>
      </Section>

      <Section title='四、保存多久' testid='notice-keep'>
        <Item name='登录状态（会话）'>一般 12 小时后失效，需要重新登录。</Item>
        <Item name='位置'>查找驿站时用完即止，不单独保存；登记住址时确认的地点随住址保存，反映问题时标注的地点随问题保存。</Item>
        <Item name='照片和反映的问题'>随问题记录保存，用于办理、回访和核查。</Item>
        <Item name='姓名、手机号、住址'>保存到您注销账号为止。</Item>
      </Section>

      <Section title='五、您可以随时改变主意' testid='notice-change'>
        <Item>不同意本指引时，定位、微信手机号和添加照片不能使用，其他功能照常；您可以手动选择住的地方、直接输入手机号。</Item>
        <Item>本指引更新后，下次用到位置、手机号或照片前，我们会再请您确认。</Item>
      </Section>

      <DeleteAccount />

      <Section title='七、联系我们' testid='notice-contact'>
        <Item name='街道办'>对您的信息有疑问，或想查看、更正，可以找您所在街道的街道办事处。</Item>
        <Item name='平台管理员'>街道办会转给邻里平台管理员处理。</Item>
      </Section>

      <MyChoice />
      {canGoBack && (
        <Button className='btn-plain' data-testid='notice-back' onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      )}
    </View>
  );
}
