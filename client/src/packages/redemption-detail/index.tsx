import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { type ReactNode, useCallback, useState } from 'react';
import { type AccountDto, REDEMPTION_STATUS_LABELS, type RedemptionDto, type RedemptionStatus, type SiteDto } from '@linli/shared';
import { QrCode } from '../../components/QrCode';
import { ErrorState, Loading } from '../../components/StateView';
import { cancelRedemption, fetchMyAccount, fetchRedemption, fetchSite } from '../../services/points';
import { errorMessage } from '../../services/request';
import { spacedBookingCode } from '../../utils/booking-time';
import { formatTime } from '../../utils/format';
import { dayAndClock } from '../../utils/points';
import './index.css';
import { pageClass } from '../../services/care';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';

const TAG: Record<RedemptionStatus, string> = { reserved: 'tag-warn', collected: 'tag-open', cancelled: 'tag-closed', lapsed: 'tag-closed' };

function Line({ k, children, testid }: { k: string; children: ReactNode; testid?: string }) {
  return (
    <View className='kv'>
      <Text className='muted kv-key'>{k}</Text>
      <View className='kv-value' data-testid={testid}>
        {children}
      </View>
    </View>
  );
}

/** The code large and spaced (482 913) with its QR (the six digits: what the site's staff type or scan), while it waits for pickup. */
function CodeCard({ r }: { r: RedemptionDto }) {
  if (r.status !== 'reserved') {
    const said: Record<Exclude<RedemptionStatus, 'reserved'>, string> = {
      collected: `已于 ${r.collectedAt ? formatTime(r.collectedAt) : ''} 领取${r.collectedByName ? `（经办：${r.collectedByName}）` : ''}`,
      cancelled: `已取消，${r.cost} 分已退回您的账户`,
      lapsed: `超过领取期限没有领取，${r.cost} 分已退回您的账户`,
    };
    return (
      <View className='card rd-void' data-testid='redemption-code-void'>
        {said[r.status]}
      </View>
    );
  }
  return (
    <View className='card' data-testid='redemption-code-card'>
      <View className='muted center'>领取码</View>
      <View className='code-big' data-testid='redemption-code'>
        {spacedBookingCode(r.code)}
      </View>
      <QrCode text={r.code} testid='redemption-qr' />
      <View className='rd-hint'>到兑换点请出示这个二维码，或报出上面的 6 位领取码</View>
      <View className='rd-by' data-testid='redemption-collect-by'>
        请在 {dayAndClock(r.collectBy)} 前领取
      </View>
      <View className='rd-hint'>逾期没有领取的，积分会自动退回</View>
    </View>
  );
}

/**
 * 兑换详情: what I redeemed and for how many points, its status in words, the pickup code large with
 * its QR and by when to collect it, the site's address and hours, and my balance now. While it waits
 * it can be cancelled (after a confirmation): points and stock go back.
 */
export default function RedemptionDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  /** Just redeemed (from 兑换物品): say so. */
  const fresh = params.fresh === '1';
  const [r, setR] = useState<RedemptionDto | null>(null);
  const [site, setSite] = useState<SiteDto | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const { redemption } = await fetchRedemption(id);
      setR(redemption);
      // Opening hours and my balance are extras: the page works without them.
      fetchSite(redemption.siteId)
        .then((s) => setSite(s.site))
        .catch(() => undefined);
      fetchMyAccount()
        .then(setAccount)
        .catch(() => undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => void load());
  usePullToRefresh(load);

  const cancel = async () => {
    if (!r) return;
    const { confirm } = await Taro.showModal({
      title: '取消兑换',
      content: `取消「${r.rewardName}」的兑换后，${r.cost} 分退回您的账户，物品放回兑换点。取消不能撤销，还想要需要重新兑换。`,
      confirmText: '确定取消',
      cancelText: '不取消',
      confirmColor: '#a12a21',
    });
    if (!confirm) return;
    setBusy(true);
    setActionError(null);
    try {
      const out = await cancelRedemption(r.id);
      setR(out.redemption);
      if (out.account) setAccount(out.account);
      void Taro.showToast({ title: '已取消', icon: 'success' });
    } catch (e) {
      setActionError(errorMessage(e));
      void load();
    } finally {
      setBusy(false);
    }
  };

  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!r) return <View className={pageClass('page-lg')}><Loading /></View>;

  return (
    <View className={pageClass('page-lg')} data-testid='redemption-detail'>
      {fresh && r.status === 'reserved' && (
        <View className='banner rd-done' data-testid='redemption-done'>
          兑换成功！请按时到兑换点领取。
        </View>
      )}
      <View className='card'>
        <View className='row between'>
          <Text className='title' data-testid='redemption-reward'>
            {r.rewardName}
          </Text>
          <Text className={`tag ${TAG[r.status]}`} data-testid='redemption-status'>
            {REDEMPTION_STATUS_LABELS[r.status]}
          </Text>
        </View>
        <View className='rd-cost'>
          用去 <Text className='rd-cost-num'>{r.cost}</Text> 分
        </View>
      </View>
      <CodeCard r={r} />
      <View className='card rd-info' data-testid='redemption-info'>
        <Line k='兑换点'>{r.siteName}</Line>
        <Line k='地址'>{r.siteAddress}</Line>
        {site && <Line k='开放时间'>{site.hours}</Line>}
        <Line k='兑换时间'>{formatTime(r.createdAt)}</Line>
      </View>
      {account && (
        <View className='card' data-testid='redemption-balance'>
          我的可用积分<Text className='rd-balance-num'>{account.balance}</Text>分
        </View>
      )}
      {actionError && <ErrorState message={actionError} />}
      {r.status === 'reserved' && (
        <View className='card'>
          <View className='muted'>不想要了，请在领取前取消，积分会退回。</View>
          <Button className='btn-danger' data-testid='redemption-cancel' loading={busy} disabled={busy || undefined} onClick={() => void cancel()}>
            取消兑换
          </Button>
        </View>
      )}
    </View>
  );
}
