import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { type AccountDto, ENTRY_KIND_LABELS, type LedgerEntryDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { fetchMyPoints } from '../../services/points';
import { errorMessage } from '../../services/request';
import { formatTime } from '../../utils/format';
import { servedText, signedPoints } from '../../utils/points';
import './index.css';
import { pageClass } from '../../services/care';

const PAGE = 20;

/** The tags of an entry: what it is in words, verified work or added by hand, reversed. */
function Tags({ entry: e }: { entry: LedgerEntryDto }) {
  const kindClass = e.kind === 'reversal' || e.kind === 'expiry' ? 'pl-tag-reversal' : e.points > 0 ? 'tag-open' : 'tag-closed';
  return (
    <View>
      <Text className={`tag ${kindClass}`} data-testid='entry-kind'>
        {ENTRY_KIND_LABELS[e.kind]}
      </Text>
      {e.kind === 'earn' &&
        (e.verified ? (
          <Text className='tag pl-tag-verified' data-testid='entry-verified'>
            服务已核实
          </Text>
        ) : (
          <Text className='tag pl-tag-manual' data-testid='entry-manual'>
            人工补记
          </Text>
        ))}
      {e.reversedBy && (
        <Text className='tag pl-tag-reversal' data-testid='entry-reversed'>
          已冲正
        </Text>
      )}
    </View>
  );
}

/** Entries that move time-bank hours rather than points (转入, 转出, 时间支付). */
const BANK_KINDS: readonly LedgerEntryDto['kind'][] = ['transfer_in', 'transfer_out', 'payment'];
/** +2 小时 / −1 小时 30 分钟 for signed minutes. */
const signedTime = (minutes: number): string => `${minutes > 0 ? '+' : '−'}${servedText(Math.abs(minutes))}`;

function EntryRow({ entry: e }: { entry: LedgerEntryDto }) {
  // Hours given, received or paid: the time is what moved (the points are 0), said as time-bank hours.
  if (BANK_KINDS.includes(e.kind) && e.bank !== 0 && e.points === 0) {
    return (
      <View className='pl-entry' data-testid='ledger-entry' data-kind={e.kind}>
        <View className='pl-main'>
          <Tags entry={e} />
          <View className='pl-reason'>{e.reason}</View>
          <View className='pl-when'>{formatTime(e.at)}</View>
        </View>
        <View className={`pl-points pl-bank ${e.reversedBy ? 'pl-struck' : e.bank > 0 ? 'pl-plus' : 'pl-minus'}`} data-testid='entry-points'>
          {signedTime(e.bank)}
          <View className='pl-minutes'>时间银行</View>
        </View>
      </View>
    );
  }
  const sign = e.points > 0 ? 'pl-plus' : 'pl-minus';
  return (
    <View className='pl-entry' data-testid='ledger-entry' data-kind={e.kind}>
      <View className='pl-main'>
        <Tags entry={e} />
        <View className='pl-reason'>{e.reason}</View>
        <View className='pl-when'>{formatTime(e.at)}</View>
      </View>
      <View className={`pl-points ${e.reversedBy ? 'pl-struck' : sign}`} data-testid='entry-points'>
        {signedPoints(e.points)}
        {e.minutes !== 0 && <View className='pl-minutes'>{signedTime(e.minutes)}</View>}
        {BANK_KINDS.includes(e.kind) && e.bank !== 0 && <View className='pl-minutes'>{`${signedTime(e.bank)} 时间银行`}</View>}
      </View>
    </View>
  );
}

/**
 * 积分明细: every entry of my account, newest first, a page at a time: what it was (获得, 兑换, 退回,
 * 冲正, 过期…), the points signed (+ in green, − in grey), the service time it recorded, and whether
 * the work was verified by the organiser or added by staff by hand (人工补记); a reversed credit is
 * struck through and marked 已冲正, its reversal listed as 冲正.
 */
export default function PointsLedgerPage() {
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [entries, setEntries] = useState<LedgerEntryDto[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const busy = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const r = await fetchMyPoints({ limit: PAGE });
      setAccount(r.account);
      setEntries(r.entries);
      setCursor(r.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  const more = useCallback(async () => {
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const r = await fetchMyPoints({ cursor, limit: PAGE });
      setEntries((list) => [...(list ?? []), ...r.entries]);
      setCursor(r.nextCursor);
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      busy.current = false;
      setLoadingMore(false);
    }
  }, [cursor]);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void more());

  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!entries || !account) return <View className={pageClass('page-lg')}><Loading /></View>;

  return (
    <View className={pageClass('page-lg')} data-testid='points-ledger'>
      <View className='card pl-summary' data-testid='ledger-summary'>
        可用<Text className='pl-summary-num'>{account.balance}</Text>分 · <Text className='pl-seg'>{`服务时长 ${servedText(account.servedMinutes)}`}</Text>
        {account.bankMinutes > 0 && (
          <Text>
            {' · '}
            <Text className='pl-seg'>{`时间银行 ${servedText(account.bankMinutes)}`}</Text>
          </Text>
        )}
      </View>
      {entries.length === 0 ? (
        <Empty text='还没有积分记录。参加志愿活动，经组织者确认后记入积分。' />
      ) : (
        <View className='card' data-testid='ledger-list'>
          {entries.map((e) => (
            <EntryRow key={e.id} entry={e} />
          ))}
        </View>
      )}
      {moreError && <ErrorState message={moreError} onRetry={() => void more()} />}
      {cursor ? (
        <Button className='btn-plain' data-testid='ledger-more' loading={loadingMore} disabled={loadingMore || undefined} onClick={() => void more()}>
          加载更多
        </Button>
      ) : (
        entries.length > 0 && <View className='muted center'>没有更早的记录了</View>
      )}
    </View>
  );
}
