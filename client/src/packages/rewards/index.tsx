import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { type AccountDto, type RewardDto, SITE_SCOPE_LABELS, type SiteDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { newIdempotencyKey } from '../../services/idempotency';
import { fetchMyAccount, fetchSites, redeemReward } from '../../services/points';
import { errorMessage, isApiError } from '../../services/request';
import { dayAndClock, notReleased, openOrBack } from '../../utils/points';
import './rewards.css';
import { pageClass } from '../../services/care';

/**
 * In the mini-program, asks (from the 兑换 tap) whether to be told a month before points expire,
 * when the server has that message switched on (a template id); H5 has no subscribe messages.
 */
async function askExpiryNotice(template: string): Promise<'expiring'[]> {
  if (process.env.TARO_ENV !== 'weapp' || !template) return [];
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: [template], entityIds: [] })) as unknown as Record<string, string>;
    return res[template] === 'accept' ? ['expiring'] : [];
  } catch {
    return [];
  }
}

/** Why a reward cannot be redeemed now, in words for its button (null: it can). */
function blocked(r: RewardDto, balance: number | null): string | null {
  if (notReleased(r)) return `${dayAndClock(r.releaseAt!)} 开兑`;
  if (r.stock === 0) return '已兑完';
  if (balance !== null && balance < r.cost) return '积分不够';
  return null;
}

function RewardRow({ reward: r, balance, busy, onRedeem }: { reward: RewardDto; balance: number | null; busy: boolean; onRedeem: () => void }) {
  const why = blocked(r, balance);
  return (
    <View className='rw-reward' data-testid={`reward-${r.id}`}>
      <View className='rw-head'>
        <Text className='rw-name'>{r.name}</Text>
        <Text className='rw-cost' data-testid='reward-cost'>{`${r.cost} 分`}</Text>
      </View>
      {r.description && <View className='rw-desc'>{r.description}</View>}
      <View className='rw-facts'>
        {r.stock > 0 ? `还剩 ${r.stock} 件` : '已兑完'}
        {r.monthlyLimit !== null && ` · 每人每月限兑 ${r.monthlyLimit} 次`}
      </View>
      {notReleased(r) && (
        <View className='rw-facts rw-release' data-testid='reward-release'>
          {`热门物品，${dayAndClock(r.releaseAt!)} 开始兑换`}
        </View>
      )}
      {why === '积分不够' && balance !== null && <View className='rw-facts rw-short'>{`还差 ${r.cost - balance} 分`}</View>}
      <Button className={`btn ${why ? 'rw-off' : ''}`} data-testid='reward-redeem' loading={busy} disabled={busy || why !== null || undefined} onClick={onRedeem}>
        {why ?? '兑换'}
      </Button>
    </View>
  );
}

function SiteCard({ site: s, children }: { site: SiteDto; children: ReactNode }) {
  return (
    <View className='card' data-testid={`site-${s.id}`}>
      <View className='rw-site-name'>{s.name}</View>
      <View className='rw-site-line'>地址：{s.address}</View>
      <View className='rw-site-line'>开放：{s.hours}</View>
      <View className='rw-site-line'>{`服务${SITE_SCOPE_LABELS[s.serves]} · 兑换后 ${s.holdDays} 天内凭领取码领取`}</View>
      {s.rewards.length === 0 ? <View className='rw-site-line'>暂时没有可兑换的物品</View> : children}
    </View>
  );
}

/**
 * 兑换物品: my spendable points, then the redemption sites that serve me (my community's first) with
 * their rewards: cost, stock, monthly limit, when a popular one opens. 兑换 asks first (what it costs
 * and what is left after), then redeems once per choice (a retry is the same redemption) and opens
 * its pickup code; a refusal (积分不足, 已兑完, 本月已兑过, 未到开兑时间) is said in words.
 */
export default function RewardsPage() {
  const [sites, setSites] = useState<SiteDto[] | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** Why the last redemption did not go through, said on the page (a second modal right after the first may not show in H5). */
  const [refusal, setRefusal] = useState<{ reward: string; why: string } | null>(null);
  /** The subscribe-message template for 积分即将过期 ('' when off). */
  const [expiringTemplate, setExpiringTemplate] = useState('');
  /** One idempotency key per reward chosen, until it is answered (a retry after a lost answer reuses it). */
  const keys = useRef(new Map<string, { key: string; notify: 'expiring'[] }>());

  const load = useCallback(async () => {
    setError(null);
    try {
      const [s, a] = await Promise.all([fetchSites(), fetchMyAccount()]);
      setSites(s.items);
      setExpiringTemplate(s.noticeTemplates.expiring);
      setAccount(a);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  // Also when coming back from a redemption: balance and stock have moved.
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const redeem = async (site: SiteDto, r: RewardDto) => {
    const balance = account?.balance ?? null;
    const after = balance === null ? '' : `，兑换后剩 ${balance - r.cost} 分`;
    const { confirm } = await Taro.showModal({
      title: `兑换「${r.name}」`,
      content: `将用去 ${r.cost} 分${after}。请在 ${site.holdDays} 天内到${site.name}（${site.address}）凭领取码领取。`,
      confirmText: '确定兑换',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setRefusal(null);
    // A retry resends the same body under the same key: the consent is asked once per key.
    const kept = keys.current.get(r.id);
    const notify = kept ? kept.notify : await askExpiryNotice(expiringTemplate);
    const key = kept?.key ?? newIdempotencyKey();
    keys.current.set(r.id, { key, notify });
    setBusy(r.id);
    try {
      const { redemption, account: next } = await redeemReward({ siteId: site.id, rewardId: r.id, notify }, key);
      keys.current.delete(r.id);
      if (next) setAccount(next);
      void Taro.navigateTo({ url: `/packages/redemption-detail/index?id=${redemption.id}&fresh=1` });
    } catch (e) {
      // A definite answer (refused, or the request was wrong): the next try is a new redemption.
      if (isApiError(e) && e.status >= 400 && e.status < 500) keys.current.delete(r.id);
      setRefusal({ reward: r.name, why: errorMessage(e) });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
      void load();
    } finally {
      setBusy(null);
    }
  };

  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!sites) return <View className={pageClass('page-lg')}><Loading /></View>;

  return (
    <View className={pageClass('page-lg')} data-testid='rewards-page'>
      {refusal && (
        <View className='card banner' data-testid='rewards-refusal'>
          <View className='title'>「{refusal.reward}」没有兑换成功</View>
          <View>{refusal.why}</View>
          <Button className='btn-plain' data-testid='rewards-refusal-ok' onClick={() => setRefusal(null)}>
            知道了
          </Button>
        </View>
      )}
      {account && (
        <View className='card rw-balance' data-testid='rewards-balance'>
          <Text>我的可用积分</Text>
          <View>
            <Text className='rw-balance-num' data-testid='rewards-balance-num'>
              {account.balance}
            </Text>
            <Text>分</Text>
          </View>
        </View>
      )}
      {sites.length === 0 && <Empty text='您所在的社区还没有积分兑换点' />}
      {sites.map((s) => (
        <SiteCard key={s.id} site={s}>
          {s.rewards.map((r) => (
            <RewardRow key={r.id} reward={r} balance={account?.balance ?? null} busy={busy === r.id} onRedeem={() => void redeem(s, r)} />
          ))}
        </SiteCard>
      ))}
      <Button className='btn-plain' data-testid='rewards-mine' onClick={() => openOrBack('/packages/rewards/mine')}>
        我的兑换
      </Button>
    </View>
  );
}
