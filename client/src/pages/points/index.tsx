import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchMyAccount } from '../../services/points';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { monthDay } from '../../utils/booking-time';
import { servedText } from '../../utils/points';
import './points.css';
import { pageClass } from '../../services/care';

const ENTRIES = [
  { id: 'ledger', icon: '📜', text: '积分明细', url: '/packages/points-ledger/index' },
  { id: 'rewards', icon: '🎁', text: '兑换物品', url: '/packages/rewards/index' },
  { id: 'redemptions', icon: '🧾', text: '我的兑换', url: '/packages/rewards/mine' },
  { id: 'activities', icon: '🤝', text: '志愿活动', url: '/packages/activities/index' },
  { id: 'timebank', icon: '⏳', text: '时间银行', url: '/packages/needs/index' },
  { id: 'give', icon: '💝', text: '转赠家人', url: '/packages/needs/give' },
  { id: 'leaderboard', icon: '🏆', text: '积分榜', url: '/packages/leaderboard/index' },
  { id: 'reports', icon: '📝', text: '报告服务', url: '/packages/service-reports/index' },
  { id: 'teams', icon: '🚩', text: '志愿服务队', url: '/packages/teams/index' },
  { id: 'units', icon: '🏢', text: '共建单位报到', url: '/packages/units/index' },
] as const;

function Fact({ k, testid, warn, children }: { k: string; testid: string; warn?: boolean; children: string }) {
  return (
    <View className='pt-fact'>
      <Text className='pt-fact-key'>{k}</Text>
      <Text className={`pt-fact-value ${warn ? 'pt-warn' : ''}`} data-testid={testid}>
        {children}
      </Text>
    </View>
  );
}

/** The balance card: 可用积分 large, then 待确认, 即将过期 (when any), 服务时长 and the time bank. */
function AccountCard({ account: a }: { account: AccountDto }) {
  return (
    <View className='card pt-balance' data-testid='points-account'>
      <View className='pt-label'>可用积分</View>
      <View className='pt-big'>
        <Text data-testid='points-balance'>{a.balance}</Text>
        <Text className='pt-unit'>分</Text>
      </View>
      <View className='pt-facts'>
        <Fact k='待确认' testid='points-pending'>{`${a.pending} 分`}</Fact>
        {a.expiringSoon.points > 0 && (
          <Fact k='即将过期' testid='points-expiring' warn>
            {`${a.expiringSoon.points} 分（${a.expiringSoon.on ? monthDay(a.expiringSoon.on) : ''}前）`}
          </Fact>
        )}
        <Fact k='服务时长' testid='points-served'>{servedText(a.servedMinutes)}</Fact>
        <Fact k='时间银行' testid='points-bank'>{servedText(a.bankMinutes)}</Fact>
      </View>
    </View>
  );
}

/**
 * 志愿积分: my spendable points large, what waits for confirmation, what expires soon, the hours I
 * served; entries to the ledger, the rewards, my redemptions and the activities that earn points.
 */
export default function PointsPage() {
  const { session, goLogin } = useSession();
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setAccount(await fetchMyAccount());
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  const token = session?.token;
  // On signing in (in the mini-program the session may come a moment after the first show)…
  useEffect(() => {
    if (token) void load();
    else setAccount(null);
  }, [token, load]);
  // …and every later time the tab shows: back from redeeming or cancelling, the balance has moved.
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>登录后查看我的积分</View>
          <View className='muted' style={{ marginTop: '8px' }}>
            参加社区志愿服务可以获得积分和服务时长，积分可以到社区兑换点换生活用品。
          </View>
          <Button className='btn' data-testid='points-go-login' onClick={goLogin}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className={pageClass('page-lg')} data-testid='points-page'>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !account && <Loading />}
      {account && <AccountCard account={account} />}
      <View className='pt-entries'>
        {ENTRIES.map((e) => (
          <Button key={e.id} className='pt-entry' data-testid={`points-open-${e.id}`} onClick={() => void Taro.navigateTo({ url: e.url })}>
            <View className='pt-entry-icon'>{e.icon}</View>
            <View>{e.text}</View>
          </Button>
        ))}
      </View>
      <View className='card'>
        <View className='title'>怎样获得积分</View>
        <View className='pt-how' style={{ marginTop: '8px' }}>
          报名参加“志愿活动”，到场用签到码签到、签退，组织者确认后积分和服务时长记入账户。文明劝导、驿站值守和邻居的好人好事可以在“报告服务”里报告，社区审核后记积分。积分可在社区兑换点换取生活用品，当年获得的积分到次年年底前有效。服务时长同时存入“时间银行”：需要帮助时可以用来支付，也可以转赠给家人。
        </View>
      </View>
    </View>
  );
}
