import { Button, Picker, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RewardDto, SiteDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { keyForContent, type SentKey } from '../../services/idempotency';
import { createReward, fetchSite, updateReward } from '../../services/points-staff';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { chinaToday, formatDay } from '../../utils/booking-time';
import { Chips, Field, FieldError, TextInput, TimePick } from '../activity-admin/fields';
import { SITE_STAFF_ROLES } from '../redemption-desk/sites';
import { checkReward, draftOf, type RewardDraft } from './draft';
import './index.css';
import { pageClass } from '../../services/care';

/**
 * 上架新物品 / 修改兑换物品 (site staff, community and street admins): name, what it is, the points
 * it costs, the stock, a monthly limit per person, a set opening time for popular ones, and on or
 * off the shelf — each problem under its field; taking one off the shelf is confirmed first.
 */
export default function RewardEditPage() {
  const { params } = useRouter();
  const siteId = params.siteId ?? '';
  const rewardId = params.rewardId ?? null;
  const { session, goLogin } = useSession();
  const allowed = !!session && session.user.roles.some((r) => SITE_STAFF_ROLES.includes(r));
  const [site, setSite] = useState<SiteDto | null>(null);
  const [reward, setReward] = useState<RewardDto | null>(null);
  const [d, setDraft] = useState<RewardDraft | null>(rewardId ? null : draftOf(null));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // One key per reward as written: a double-tapped or retried 上架 puts one on the shelf.
  const sent = useRef<SentKey | null>(null);
  const keyFor = (body: unknown) => (sent.current = keyForContent(sent.current, body)).key;
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const s = (await fetchSite(siteId)).site;
      setSite(s);
      if (rewardId) {
        const r = s.rewards.find((x) => x.id === rewardId) ?? null;
        if (!r) return setLoadError('没有找到这个兑换物品');
        setReward(r);
        setDraft((x) => x ?? draftOf(r));
      }
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [siteId, rewardId]);
  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有兑换点管理权限' : '请先登录'}</View>
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }
  if (loadError) return <View className={pageClass('page-lg')}><ErrorState message={loadError} onRetry={() => void load()} /></View>;
  if (!site || !d) return <View className={pageClass('page-lg')}><Loading /></View>;

  const set = <K extends keyof RewardDraft>(name: K, value: RewardDraft[K], field: string = name) => {
    setDraft((x) => x && { ...x, [name]: value });
    setErrors((x) => (x[field] ? { ...x, [field]: '' } : x));
    setError(null);
  };

  const save = async () => {
    setError(null);
    const checked = checkReward(d);
    if (!checked.body) {
      setErrors(checked.errors);
      setError('请先改正标红的内容');
      return;
    }
    const b = checked.body;
    if (reward?.active && !b.active) {
      const { confirm } = await Taro.showModal({
        title: '下架物品',
        content: `下架后居民看不到「${b.name}」，也不能再兑换；已兑换、待领取的仍可凭领取码领取。`,
        confirmText: '下架',
        cancelText: '不下架',
      });
      if (!confirm) return;
    }
    setBusy(true);
    setErrors({});
    try {
      // The stock as seen when the form opened: redemptions since then are kept, the change applies to the stock now.
      if (reward) await updateReward(site.id, reward.id, { ...b, stockWas: reward.stock });
      else await createReward(site.id, b, keyFor(b));
      void Taro.showToast({ title: reward ? '已保存' : '已上架', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 800);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(fields);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const today = chinaToday();
  return (
    <View className={pageClass('page-lg ra-page')} data-testid='reward-form'>
      <View className='card'>
        <View className='title'>{site.name}</View>
        <Field label='物品名称' name='name' errors={errors}>
          <TextInput name='name' value={d.name} maxlength={30} placeholder='如：抽纸一提' onChange={(v) => set('name', v)} />
        </Field>
        <Field label='说明（选填）' name='description' errors={errors}>
          <Textarea
            className='textarea aa-textarea'
            data-testid='aa-description'
            value={d.description}
            maxlength={200}
            placeholder='规格、领取须知'
            onInput={(e) => set('description', e.detail.value)}
          />
        </Field>
      </View>
      <View className='card'>
        <View className='title'>积分和库存</View>
        <View className='row between'>
          <Field label='所需积分' name='cost' errors={errors} half>
            <TextInput name='cost' type='number' value={d.cost} maxlength={6} onChange={(v) => set('cost', v)} />
          </Field>
          <Field label='库存' name='stock' errors={errors} half>
            <TextInput name='stock' type='number' value={d.stock} maxlength={6} onChange={(v) => set('stock', v)} />
          </Field>
        </View>
        <Field label='每人每月限兑（次）' hint='不限就空着' name='monthlyLimit' errors={errors}>
          <TextInput name='monthlyLimit' type='number' value={d.monthlyLimit} maxlength={3} placeholder='不限' onChange={(v) => set('monthlyLimit', v)} />
        </Field>
      </View>
      <View className='card'>
        <View className='title'>什么时候可以兑换</View>
        <Chips
          name='timed'
          value={d.timed ? 'timed' : 'now'}
          options={[
            { value: 'now', label: '马上可以兑换' },
            { value: 'timed', label: '定时开兑' },
          ]}
          onChange={(v) => set('timed', v === 'timed', 'releaseAt')}
        />
        {d.timed && (
          <View className='row between'>
            <Field label='开兑日期' name='releaseDate' errors={errors} half>
              <Picker mode='date' value={d.releaseDate} start={today} onChange={(e) => set('releaseDate', String(e.detail.value), 'releaseAt')}>
                <View className='input aa-pick' data-testid='aa-releaseDate'>
                  {formatDay(d.releaseDate)}
                </View>
              </Picker>
            </Field>
            <Field label='开兑时间' name='releaseTime' errors={errors} half>
              <TimePick name='releaseTime' value={d.releaseTime} onChange={(v) => set('releaseTime', v, 'releaseAt')} />
            </Field>
          </View>
        )}
        <FieldError name='releaseAt' errors={errors} />
        {d.timed && <View className='aa-hint'>热门物品定时开兑，到点前居民能看到但不能兑换。</View>}
      </View>
      <View className='card'>
        <View className='title'>上架</View>
        <Chips
          name='active'
          value={d.active ? 'on' : 'off'}
          options={[
            { value: 'on', label: '在架（居民可以兑换）' },
            { value: 'off', label: '下架' },
          ]}
          onChange={(v) => set('active', v === 'on')}
        />
        <FieldError name='active' errors={errors} />
      </View>
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='ra-save' loading={busy} disabled={busy || undefined} onClick={() => void save()}>
        {reward ? '保存' : '上架'}
      </Button>
    </View>
  );
}
