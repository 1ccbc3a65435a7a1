import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { AccountDto, NeedDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchNeeds, type NeedScope, takeNeed } from '../../services/needs';
import { fetchMyAccount } from '../../services/points';
import { errorMessage, fieldErrorsOf, isApiError } from '../../services/request';
import { detailUrl, minutesText, needWhen, takesNeeds } from './format';
import { NeedCard } from './NeedCard';
import './needs.css';
import { pageClass } from '../../services/care';

const TABS: { scope: NeedScope; label: string; empty: string }[] = [
  { scope: 'mine', label: '我的需求', empty: '还没有发布过需求。需要有人陪同就医、代买东西、上门帮忙时，点“我要帮助”。' },
  { scope: 'open', label: '待接需求', empty: '社区里暂时没有等待接单的需求' },
  { scope: 'taken', label: '我接的', empty: '还没有接过需求，去“待接需求”看看' },
];
const REGISTER_URL = `/packages/register/index?redirect=${encodeURIComponent('/packages/needs/index')}`;

/**
 * 时间银行: my banked time large (存时间、取服务), 我要帮助 (post a need) and 转赠给家人; then 我的需求
 * (for me or posted by me) and, for volunteers, 待接需求 (my community's open needs, the requester's
 * name masked, 接单 after a confirmation) and 我接的. A need opens its page.
 */
export default function NeedsPage() {
  const { session, goLogin } = useSession();
  const { params } = useRouter();
  const volunteer = takesNeeds(session?.user);
  const [tab, setTab] = useState<NeedScope>(() => (volunteer && (params.tab === 'open' || params.tab === 'taken') ? params.tab : 'mine'));
  const [lists, setLists] = useState<Partial<Record<NeedScope, NeedDto[]>>>({});
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needPlace, setNeedPlace] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [takeError, setTakeError] = useState<string | null>(null);

  const load = useCallback(async (scope: NeedScope) => {
    setError(null);
    setNeedPlace(false);
    fetchMyAccount()
      .then(setAccount)
      .catch(() => undefined); // the balance is an extra here: the lists work without it
    try {
      const { items } = await fetchNeeds(scope);
      setLists((all) => ({ ...all, [scope]: items }));
    } catch (e) {
      if (isApiError(e) && e.status === 400 && fieldErrorsOf(e)?.communityId) setNeedPlace(true);
      else setError(errorMessage(e));
    }
  }, []);
  useDidShow(() => {
    if (session) void load(tab);
  });
  usePullDownRefresh(() => void load(tab).finally(() => Taro.stopPullDownRefresh()));

  const switchTo = (scope: NeedScope) => {
    setTab(scope);
    setTakeError(null);
    void load(scope);
  };

  const take = async (n: NeedDto) => {
    const { confirm } = await Taro.showModal({
      title: '接单',
      content: `接下「${n.title}」：${needWhen(n.when)}，${n.place}，预计 ${minutesText(n.minutes)}。接单后请按时到达，可以看到需求人的姓名和电话。`,
      confirmText: '确定接单',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(n.id);
    setTakeError(null);
    try {
      const { need } = await takeNeed(n.id);
      void Taro.showToast({ title: '接单成功', icon: 'success' });
      void Taro.navigateTo({ url: detailUrl(need.id) });
    } catch (e) {
      // Said on the page (H5 drops a dialog opened while the last one closes); the list read again.
      setTakeError(`没有接到：${errorMessage(e)}`);
      void load('open');
    } finally {
      setBusy(null);
    }
  };

  if (!session) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>登录后使用时间银行</View>
          <Button className='btn' data-testid='needs-go-login' onClick={() => void goLogin()}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  const items = lists[tab];
  const shown = TABS.find((t) => t.scope === tab)!;
  return (
    <View className={pageClass('page-lg')} data-testid='needs-page'>
      <View className='card nd-bank' data-testid='needs-bank'>
        <View className='nd-bank-label'>我的时间银行</View>
        <View className='nd-bank-num' data-testid='needs-bank-minutes'>
          {account ? minutesText(account.bankMinutes) : '…'}
        </View>
        <View className='nd-bank-hint'>存时间、取服务：志愿服务的时长存入时间银行，需要帮助时可以用来支付，也可以转赠给家人。</View>
        <View className='nd-actions'>
          <Button className='btn' data-testid='needs-new' onClick={() => void Taro.navigateTo({ url: '/packages/needs/new' })}>
            我要帮助
          </Button>
          <Button className='btn-plain' data-testid='needs-give' onClick={() => void Taro.navigateTo({ url: '/packages/needs/give' })}>
            转赠给家人
          </Button>
        </View>
      </View>

      {volunteer ? (
        <View className='nd-tabs' data-testid='needs-tabs'>
          {TABS.map((t) => (
            <View key={t.scope} className={`chip ${tab === t.scope ? 'chip-on' : ''}`} data-testid={`needs-tab-${t.scope}`} onClick={() => switchTo(t.scope)}>
              {t.label}
            </View>
          ))}
        </View>
      ) : (
        <View className='nd-section'>我的需求</View>
      )}

      {needPlace && (
        <View className='card banner' data-testid='needs-need-place'>
          <View className='title'>先登记您住在哪里</View>
          <View style={{ marginTop: '8px' }}>登记住址后，这里会列出您所在社区等待接单的需求。</View>
          <Button className='btn' onClick={() => void Taro.navigateTo({ url: REGISTER_URL })}>
            去登记住址
          </Button>
        </View>
      )}
      {error && <ErrorState message={error} onRetry={() => void load(tab)} />}
      {takeError && tab === 'open' && (
        <View className='error' data-testid='needs-take-error'>
          {takeError}
        </View>
      )}
      {!error && !needPlace && !items && <Loading />}
      <View data-testid={`needs-list-${tab}`}>
        {items?.length === 0 && <Empty text={shown.empty} />}
        {items?.map((n) => (
          <NeedCard
            key={n.id}
            n={n}
            busy={busy === n.id}
            onOpen={() => void Taro.navigateTo({ url: detailUrl(n.id) })}
            onTake={tab === 'open' && n.status === 'open' ? () => void take(n) : undefined}
          />
        ))}
      </View>
    </View>
  );
}
