import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { type AccountDto, type FamilyLinkDto, TransferBody, type TransferResponse, YEARLY_GIFT_CAP_MINUTES } from '@linli/shared';
import type { z } from 'zod';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchFamily } from '../../services/family';
import { newIdempotencyKey } from '../../services/idempotency';
import { giveHours } from '../../services/needs';
import { fetchMyAccount } from '../../services/points';
import { errorMessage, isApiError } from '../../services/request';
import { minutesText } from './format';
import './needs.css';
import { pageClass } from '../../services/care';

const AMOUNTS = [30, 60, 120, 180, 300];

type Given = z.infer<typeof TransferResponse> & { name: string };

/**
 * 转赠给家人: my time bank, the family members linked to me (either way) to choose from, how much
 * (a few amounts as chips, or minutes typed), then a confirmation saying what is left; given once
 * per choice (a retry is the same gift). Refusals (not enough, 20 hours a year) are said in words.
 */
export default function GivePage() {
  const { session } = useSession();
  const [family, setFamily] = useState<FamilyLinkDto[] | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [given, setGiven] = useState<Given | null>(null);
  const minutes = typed.trim() ? (/^\d{1,4}$/.test(typed.trim()) ? Number(typed.trim()) : Number.NaN) : chosen;
  // One key per gift as chosen: a retry after a lost answer gives once; another choice is another gift.
  const key = useMemo(newIdempotencyKey, [toUserId, minutes, given]);

  const load = async () => {
    setLoadError(null);
    try {
      const [f, a] = await Promise.all([fetchFamily(), fetchMyAccount()]);
      setFamily(f.items);
      setAccount(a);
      if (f.items.length === 1) setToUserId((id) => id ?? f.items[0]!.userId);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  };
  const token = session?.token;
  useEffect(() => {
    if (token) void load();
  }, [token]);

  if (!session) return <SignInFirst />;
  if (loadError) return <View className={pageClass('page-lg')}><ErrorState message={loadError} onRetry={() => void load()} /></View>;
  if (!family || !account) return <View className={pageClass('page-lg')}><Loading /></View>;

  if (given) {
    return (
      <View className={pageClass('page-lg')} data-testid='give-page'>
        <View className='card nd-done' data-testid='give-done'>
          <View className='nd-bank-label'>转赠成功</View>
          <View className='nd-done-big'>{`已转赠 ${minutesText(given.givenMinutes)} 给${given.name}`}</View>
          <View className='nd-line' data-testid='give-left'>{`您的时间银行还有 ${minutesText(given.bankMinutes)}`}</View>
          <View className='nd-line'>{`今年已转赠 ${minutesText(given.givenThisYear)}（每年最多 ${minutesText(YEARLY_GIFT_CAP_MINUTES)}）`}</View>
        </View>
        <Button className='btn' data-testid='give-back' onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </View>
    );
  }

  const person = family.find((f) => f.userId === toUserId) ?? null;
  const touch = (name: string) => setErrors((x) => (x[name] || x.form ? { ...x, [name]: '', form: '' } : x));

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!person) found.toUserId = '请选择转赠给哪位家人';
    const checked = TransferBody.safeParse({ toUserId: toUserId ?? '', minutes: minutes ?? Number.NaN });
    if (minutes === null) found.minutes = '请选择转赠多少时间';
    else if (Number.isNaN(minutes)) found.minutes = '请填写分钟数（整数）';
    else if (!checked.success) for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message;
    if (!found.minutes && minutes !== null && minutes > account.bankMinutes) found.minutes = `您的时间银行只有 ${minutesText(account.bankMinutes)}`;
    if (!checked.success || !person || Object.values(found).some(Boolean)) {
      setErrors(found);
      return;
    }
    const b = checked.data;
    const { confirm } = await Taro.showModal({
      title: '转赠时间',
      content: `把 ${minutesText(b.minutes)} 转赠给${person.name}（您的${person.relationLabel}），转赠后您的时间银行剩 ${minutesText(account.bankMinutes - b.minutes)}。转出的时间不能退回。`,
      confirmText: '确定转赠',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    setErrors({});
    try {
      const out = await giveHours(b, key);
      setGiven({ ...out, name: person.name });
      setAccount({ ...account, bankMinutes: out.bankMinutes });
      void Taro.showToast({ title: '已转赠', icon: 'success' });
    } catch (e) {
      // Not enough, the yearly cap, no longer linked: said in words; the balance read again.
      setErrors({ form: errorMessage(e) });
      if (isApiError(e) && e.status < 500) void fetchMyAccount().then(setAccount).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={pageClass('page-lg')} data-testid='give-page'>
      <View className='card nd-bank'>
        <View className='nd-bank-label'>我的时间银行</View>
        <View className='nd-bank-num' data-testid='give-bank'>
          {minutesText(account.bankMinutes)}
        </View>
        <View className='nd-bank-hint'>{`转赠给已关联的家人，家人需要帮助时可以用来支付。每人每年最多转赠 ${minutesText(YEARLY_GIFT_CAP_MINUTES)}。`}</View>
      </View>
      {family.length === 0 ? (
        <View className='card' data-testid='give-no-family'>
          <Empty text='还没有关联的家人' />
          <Button className='btn' onClick={() => void Taro.navigateTo({ url: '/packages/family/index' })}>
            去关联家人
          </Button>
        </View>
      ) : (
        <>
          <View className='card'>
            <View className='title'>转赠给谁</View>
            <View className='row wrap nd-chips' data-testid='give-family'>
              {family.map((f) => (
                <View key={f.userId} className={`chip ${toUserId === f.userId ? 'chip-on' : ''}`} data-testid={`give-to-${f.userId}`} onClick={() => (setToUserId(f.userId), touch('toUserId'))}>
                  {f.name}（{f.relationLabel}）
                </View>
              ))}
            </View>
            {errors.toUserId && <View className='field-error' data-testid='error-toUserId'>{errors.toUserId}</View>}
          </View>
          <View className={`card ${errors.minutes ? 'nd-bad' : ''}`}>
            <View className='title'>转赠多少时间</View>
            <View className='row wrap nd-chips' data-testid='give-amounts'>
              {AMOUNTS.map((m) => (
                <View
                  key={m}
                  className={`chip ${!typed.trim() && chosen === m ? 'chip-on' : ''}`}
                  data-testid={`give-minutes-${m}`}
                  onClick={() => {
                    setChosen(m);
                    setTyped('');
                    touch('minutes');
                  }}
                >
                  {minutesText(m)}
                </View>
              ))}
            </View>
            <View className='nd-label'>或者填写分钟数</View>
            <View className='row'>
              <Input className='input' style={{ flex: 1 }} data-testid='give-typed' type='number' maxlength={4} value={typed} placeholder='如：90' onInput={(e) => (setTyped(e.detail.value), touch('minutes'))} />
              <View className='nd-unit'>分钟</View>
            </View>
            {minutes !== null && !Number.isNaN(minutes) && minutes > 0 && <View className='nd-words' data-testid='give-words'>{`转赠 ${minutesText(minutes)}`}</View>}
            {errors.minutes && <View className='field-error' data-testid='error-minutes'>{errors.minutes}</View>}
          </View>
          {errors.form && <ErrorState message={errors.form} />}
          <Button className='btn' data-testid='give-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
            转赠
          </Button>
        </>
      )}
    </View>
  );
}
