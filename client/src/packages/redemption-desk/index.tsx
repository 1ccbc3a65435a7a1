import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { RedemptionDto, SiteDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { collectRedemption, fetchSites } from '../../services/points-staff';
import { errorMessage, isApiError } from '../../services/request';
import { chinaClock } from '../../utils/booking-time';
import { readableDates, SITE_STAFF_ROLES, spacedSix, staffsSite } from './sites';
import './index.css';

/** The site last worked at, chosen again next time. */
const LAST_SITE = 'linli.redemption.site';

interface Refusal {
  head: string;
  message: string;
}

/** Why a code was refused, in words the counter can say to the person in front of it. */
function refusalOf(e: unknown): Refusal {
  if (isApiError(e)) {
    if (e.status === 404) return { head: '没有这个领取码', message: '本兑换点没有这个领取码，请核对后再输入。其他兑换点的领取码不能在这里核销。' };
    if (e.code === 'already_collected') return { head: '已经领取过了', message: readableDates(e.message) };
    if (e.code === 'not_reserved') return { head: '不能核销', message: e.message };
    if (e.status === 400) return { head: '领取码不对', message: e.fields[0]?.message ?? e.message };
  }
  return { head: '没有核销成功', message: errorMessage(e) };
}

/** Six digits out of what was typed or scanned (the QR code holds the code itself). */
const sixDigitsOf = (text: string): string | null => /\d{6}/.exec(text.replace(/\s/g, ''))?.[0] ?? null;

/**
 * 核销领取码 (site staff, community and street admins): pick the site (when one works at several),
 * scan the resident's QR code in the mini-program or type the six digits he shows, confirm (a
 * pickup cannot be undone), and read the answer in large type: ✓ 已核销 with the reward and the
 * person, or why not (not this site's code, already collected — when and by whom — cancelled or
 * lapsed). The pickups of this sitting are listed below.
 */
export default function RedemptionDeskPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const allowed = !!user && user.roles.some((r) => SITE_STAFF_ROLES.includes(r));
  const [sites, setSites] = useState<SiteDto[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RedemptionDto | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [history, setHistory] = useState<RedemptionDto[]>([]);
  const weapp = process.env.TARO_ENV === 'weapp';

  const load = useCallback(async () => {
    if (!user) return;
    setLoadError(null);
    try {
      const list = (await fetchSites()).items.filter((s) => staffsSite(user, s));
      setSites(list);
      const wanted = Taro.getStorageSync<string>(LAST_SITE);
      setSiteId((id) => id ?? (list.find((s) => s.id === wanted) ?? list[0])?.id ?? null);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [user]);
  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  if (!session || !allowed) {
    return (
      <View className='page page-lg'>
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
  if (!sites) return <View className='page page-lg'>{loadError ? <ErrorState message={loadError} onRetry={() => void load()} /> : <Loading />}</View>;
  if (sites.length === 0) return <View className='page page-lg'><Empty text='您所在的社区还没有积分兑换点' /></View>;

  const site = sites.find((s) => s.id === siteId) ?? sites[0]!;
  const choose = (id: string) => {
    Taro.setStorageSync(LAST_SITE, id);
    setSiteId(id);
    setDone(null);
    setRefusal(null);
  };

  const collect = async (six: string) => {
    setDone(null);
    setRefusal(null);
    const { confirm } = await Taro.showModal({
      title: `核销领取码 ${spacedSix(six)}`,
      content: `在「${site.name}」核销后即算居民已领取，不能撤销。请确认居民就在柜台前，再把物品交给他。`,
      confirmText: '核销',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const { redemption } = await collectRedemption(site.id, six);
      setDone(redemption);
      setCode('');
      setHistory((h) => [redemption, ...h.filter((x) => x.id !== redemption.id)].slice(0, 20));
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  };
  const typed = () => {
    const six = sixDigitsOf(code);
    if (!six || code.replace(/\D/g, '').length !== 6) {
      setDone(null);
      setRefusal({ head: '领取码不对', message: '请输入 6 位数字的领取码' });
      return;
    }
    void collect(six);
  };
  const scan = async () => {
    let text: string;
    try {
      text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // closed the scanner
    }
    const six = sixDigitsOf(text);
    if (six) void collect(six);
    else {
      setDone(null);
      setRefusal({ head: '没有识别到领取码', message: '请让居民打开“我的兑换”里的领取码二维码，或直接输入 6 位领取码。' });
    }
  };

  return (
    <View className='page page-lg' data-testid='redemption-desk'>
      <View className='card'>
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
        {weapp && (
          <Button className='btn' data-testid='rd-scan' disabled={busy || undefined} onClick={() => void scan()}>
            扫码核销
          </Button>
        )}
        <View className='muted' style={{ marginTop: '16px' }}>
          {weapp ? '或输入居民出示的 6 位领取码' : '输入居民出示的 6 位领取码'}
        </View>
        <Input
          className='input rdk-code'
          data-testid='rd-code'
          type='number'
          maxlength={6}
          value={code}
          placeholder='6 位领取码'
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={typed}
        />
        <Button className={weapp ? 'btn-plain' : 'btn'} data-testid='rd-submit' loading={busy} disabled={busy || undefined} onClick={typed}>
          核销
        </Button>
      </View>

      {done && (
        <View className='card rdk-ok' data-testid='rd-result'>
          <View className='rdk-head'>✓ 已核销</View>
          <View className='rdk-reward' data-testid='rd-reward'>
            {done.rewardName}
          </View>
          <View className='rdk-line' data-testid='rd-person'>
            领取人：{done.personName ?? '（账号已注销）'}
          </View>
          <View className='rdk-line'>
            {done.cost} 积分 · 领取码 {spacedSix(done.code)}
          </View>
          <View className='rdk-hint'>请把物品交给居民</View>
        </View>
      )}
      {refusal && (
        <View className='card rdk-no' data-testid='rd-refusal'>
          <View className='rdk-head'>✗ {refusal.head}</View>
          <View className='rdk-line' data-testid='rd-refusal-message'>
            {refusal.message}
          </View>
        </View>
      )}

      {history.length > 0 && (
        <View className='card' data-testid='rd-history'>
          <View className='title'>本次已核销（{history.length}）</View>
          {history.map((r) => (
            <View key={r.id} className='rdk-row'>
              {r.collectedAt ? chinaClock(r.collectedAt) : ''} {r.rewardName} · {r.personName ?? '（账号已注销）'}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
