import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { REDEMPTION_STATUS_LABELS, type RedemptionDto, type SiteDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { collectRedemption, lookUpCode } from '../../services/points-staff';
import { errorMessage, isApiError } from '../../services/request';
import { canScan, scanQr, sixDigitsOf } from '../../services/scan';
import { chinaClock } from '../../utils/booking-time';
import { formatTime } from '../../utils/format';
import { readableDates, SITE_STAFF_ROLES, spacedSix } from './sites';
import { useStaffSites } from './useStaffSites';
import './index.css';
import { pageClass } from '../../services/care';

/** The site last worked at, chosen again next time. */
const LAST_SITE = 'linli.redemption.site';

/**
 * What the counter sees for the code in hand: `found` waits to be handed over (reward, person, 核销);
 * `done` was collected just now; `refused` cannot be collected (why, with the reward and person when
 * the code was found).
 */
type Shown =
  | { kind: 'found'; r: RedemptionDto }
  | { kind: 'done'; r: RedemptionDto }
  | { kind: 'refused'; head: string; message: string; r: RedemptionDto | null };

const personOf = (r: RedemptionDto): string => r.personName ?? '（账号已注销）';
const collectedWords = (r: RedemptionDto): string => `该领取码已于 ${r.collectedAt ? formatTime(r.collectedAt) : ''} 由${r.collectedByName ?? '工作人员'}核销`;

/** A code looked up: waiting to be collected, or why it cannot be (said without a collect call). */
function shownOf(r: RedemptionDto): Shown {
  switch (r.status) {
    case 'reserved':
      return { kind: 'found', r };
    case 'collected':
      return { kind: 'refused', head: '已经领取过了', message: collectedWords(r), r };
    case 'cancelled':
      return { kind: 'refused', head: '已取消，不能领取', message: `居民已取消这次兑换，${r.cost} 积分已退回。`, r };
    case 'lapsed':
      return { kind: 'refused', head: '已逾期，不能领取', message: `超过领取期限（${formatTime(r.collectBy)}）没有领取，${r.cost} 积分已退回。如仍需要，请居民重新兑换。`, r };
  }
}

/** Why a code was refused, in words the counter can say to the person in front of it. */
function refusalOf(e: unknown, site: SiteDto, r: RedemptionDto | null): Shown {
  const refused = (head: string, message: string): Shown => ({ kind: 'refused', head, message, r });
  if (isApiError(e)) {
    if (e.status === 404) return { kind: 'refused', head: '没有这个领取码', message: `请核对这 6 位数字。其他兑换点的领取码不能在「${site.name}」核销。`, r: null };
    if (e.code === 'already_collected') return refused('已经领取过了', readableDates(e.message));
    if (e.code === 'not_reserved') return refused('不能核销', e.message);
    if (e.status === 400) return refused('领取码不对', e.fields[0]?.message ?? e.message);
  }
  return refused('没有查到', errorMessage(e));
}


/** The reward and the person a code is for, large: what the counter hands over, and to whom. */
function Who({ r }: { r: RedemptionDto }) {
  return (
    <>
      <View className='rdk-reward' data-testid='rd-reward'>
        {r.rewardName}
      </View>
      <View className='rdk-line' data-testid='rd-person'>
        领取人：<Text className='rdk-person'>{personOf(r)}</Text>
      </View>
      <View className='rdk-line rdk-sub'>
        {r.cost} 积分 · 领取码 {spacedSix(r.code)}
      </View>
    </>
  );
}

/**
 * 核销领取码 (site staff, community and street admins): pick the site (when one works at several),
 * scan the resident's QR code in the mini-program or type the six digits he shows: the code is looked
 * up at once and the reward, the person and its state are shown large. A code waiting for pickup is
 * handed over with 交给居民，核销 after a confirmation naming the reward and the person (a pickup
 * cannot be undone); one already collected says when and by whom, a cancelled or lapsed one says so —
 * nothing is collected for those. The pickups of this sitting are listed below.
 */
export default function RedemptionDeskPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const allowed = !!user && user.roles.some((r) => SITE_STAFF_ROLES.includes(r));
  const { sites, siteId, pickSite, error: loadError, load } = useStaffSites(user, allowed, LAST_SITE);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'look' | 'collect' | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [history, setHistory] = useState<RedemptionDto[]>([]);
  /** Only the answer to the latest look-up counts (codes are typed quickly one after another). */
  const asked = useRef(0);
  const scanner = canScan();


  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有核销权限' : '请先登录'}</View>
          {session && <View className='muted'>兑换点工作人员和社区、街道管理员可以核销领取码</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }
  if (!sites) return <View className={pageClass('page-lg')}>{loadError ? <ErrorState message={loadError} onRetry={() => void load()} /> : <Loading />}</View>;
  if (sites.length === 0) return <View className={pageClass('page-lg')}><Empty text='您所在的社区还没有积分兑换点' /></View>;

  const site = sites.find((s) => s.id === siteId) ?? sites[0]!;
  const choose = (id: string) => {
    asked.current++; // a look-up still on its way is for the site before
    pickSite(id);
    setShown(null);
    setBusy(null);
  };

  const lookUp = async (six: string) => {
    const n = ++asked.current;
    setShown(null);
    setBusy('look');
    try {
      const { redemption } = await lookUpCode(site.id, six);
      if (n === asked.current) setShown(shownOf(redemption));
    } catch (e) {
      if (n === asked.current) setShown(refusalOf(e, site, null));
    } finally {
      if (n === asked.current) setBusy(null);
    }
  };
  const typed = () => {
    const six = sixDigitsOf(code);
    if (!six || code.replace(/\D/g, '').length !== 6) {
      setShown({ kind: 'refused', head: '领取码不对', message: '请输入 6 位数字的领取码', r: null });
      return;
    }
    void lookUp(six);
  };
  const onInput = (value: string) => {
    setCode(value);
    asked.current++; // an answer still on its way is for the code before
    setBusy(null);
    setShown(null);
    // The sixth digit looks the code up at once: nothing is collected before 核销 is confirmed.
    if (/^\d{6}$/.test(value.trim())) void lookUp(value.trim());
  };
  const scan = async () => {
    const read = await scanQr({ onlyQr: true });
    if (!read) return; // closed the scanner
    const six = sixDigitsOf(read.result);
    if (six) {
      setCode(six);
      void lookUp(six);
    } else setShown({ kind: 'refused', head: '没有识别到领取码', message: '请让居民打开“我的兑换”里的领取码二维码，或直接输入 6 位领取码。', r: null });
  };

  const collect = async (r: RedemptionDto) => {
    const { confirm } = await Taro.showModal({
      title: `核销领取码 ${spacedSix(r.code)}`,
      content: `确认把「${r.rewardName}」交给 ${r.personName ?? '领取人（账号已注销）'}？核销后即算居民已领取，不能撤销。`,
      confirmText: '核销',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy('collect');
    try {
      const { redemption } = await collectRedemption(site.id, r.code);
      setShown({ kind: 'done', r: redemption });
      setCode('');
      setHistory((h) => [redemption, ...h.filter((x) => x.id !== redemption.id)].slice(0, 20));
    } catch (e) {
      setShown(refusalOf(e, site, r));
    } finally {
      setBusy(null);
    }
  };
  const again = () => {
    asked.current++;
    setCode('');
    setShown(null);
  };

  return (
    <View className={pageClass('page-lg')} data-testid='redemption-desk'>
      <View className='card rdk-site'>
        <View className='title' data-testid='rd-site'>
          {site.name}
        </View>
        <View className='muted'>
          {site.address} · {site.hours}
        </View>
        {sites.length > 1 && (
          <View className='row wrap' style={{ marginTop: '16px' }} data-testid='rd-sites'>
            {sites.map((s) => (
              <View key={s.id} className={`chip ${s.id === site.id ? 'chip-on' : ''}`} data-testid={`rd-site-${s.id}`} onClick={() => choose(s.id)}>
                {s.name}
              </View>
            ))}
          </View>
        )}
      </View>

      <View className='card rdk-box' data-testid='rd-box'>
        <View className='title'>核销领取码</View>
        {scanner && (
          <Button className='btn' data-testid='rd-scan' disabled={busy !== null || undefined} onClick={() => void scan()}>
            扫码查询
          </Button>
        )}
        <View className='muted' style={{ marginTop: '16px' }}>
          {scanner ? '或输入居民出示的 6 位领取码' : '输入居民出示的 6 位领取码'}
        </View>
        <Input
          className='input rdk-code'
          data-testid='rd-code'
          type='number'
          maxlength={6}
          value={code}
          placeholder='6 位领取码'
          onInput={(e) => onInput(e.detail.value)}
          onConfirm={typed}
        />
        <Button className={scanner ? 'btn-plain' : 'btn'} data-testid='rd-submit' loading={busy === 'look'} disabled={busy !== null || undefined} onClick={typed}>
          查询
        </Button>
      </View>

      {shown?.kind === 'found' && (
        <View className='card rdk-found' data-testid='rd-found'>
          <View className='row between'>
            <Text className='rdk-state' data-testid='rd-status'>
              {REDEMPTION_STATUS_LABELS[shown.r.status]}
            </Text>
            <Text className='rdk-by'>{formatTime(shown.r.collectBy)} 前可领</Text>
          </View>
          <Who r={shown.r} />
          <Button className='btn rdk-go' data-testid='rd-collect' loading={busy === 'collect'} disabled={busy !== null || undefined} onClick={() => void collect(shown.r)}>
            交给居民，核销
          </Button>
          <Button className='btn-plain' data-testid='rd-again' disabled={busy !== null || undefined} onClick={again}>
            不是这个，重新输入
          </Button>
        </View>
      )}
      {shown?.kind === 'done' && (
        <View className='card rdk-ok' data-testid='rd-result'>
          <View className='rdk-head'>✓ 已核销</View>
          <Who r={shown.r} />
          <View className='rdk-hint'>请把物品交给居民</View>
        </View>
      )}
      {shown?.kind === 'refused' && (
        <View className='card rdk-no' data-testid='rd-refusal'>
          <View className='rdk-head'>✗ {shown.head}</View>
          {shown.r && <Who r={shown.r} />}
          <View className='rdk-line rdk-why' data-testid='rd-refusal-message'>
            {shown.message}
          </View>
        </View>
      )}

      {history.length > 0 && (
        <View className='card' data-testid='rd-history'>
          <View className='title'>本次已核销（{history.length}）</View>
          {history.map((r) => (
            <View key={r.id} className='rdk-row'>
              {r.collectedAt ? chinaClock(r.collectedAt) : ''} {r.rewardName} · {personOf(r)}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
