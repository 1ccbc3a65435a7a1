import { Button, Input, Picker, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { type AccountDto, type FamilyLinkDto, NEED_KIND_LABELS, NEED_KINDS, type NeedKind, PostNeedBody } from '@linli/shared';
import { ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchFamily } from '../../services/family';
import { newIdempotencyKey } from '../../services/idempotency';
import { postNeed } from '../../services/needs';
import { fetchMyAccount } from '../../services/points';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { chinaToday, formatDay, monthDay, shiftDay } from '../../utils/booking-time';
import { ToggleRow } from './controls';
import { chinaInstant, detailUrl, minutesText } from './format';
import './needs.css';
import { pageClass } from '../../services/care';

const NEAR_DAYS = [
  { label: '今天', days: 0 },
  { label: '明天', days: 1 },
  { label: '后天', days: 2 },
];
const DURATIONS = [30, 60, 90, 120, 180, 240];
const PLACEHOLDERS: Record<NeedKind, string> = {
  ride: '如：陪同去医院',
  shopping: '如：帮忙买菜、取药',
  company: '如：陪老人聊聊天',
  repair: '如：换灯泡、修水龙头',
  other: '简要写明需要什么帮助',
};

function Field({ label, hint, name, errors, children }: { label: string; hint?: string; name: string; errors: Record<string, string>; children: ReactNode }) {
  return (
    <View className={errors[name] ? 'nd-bad' : ''}>
      <View className='nd-label'>{label}</View>
      {hint && <View className='nd-hint'>{hint}</View>}
      {children}
      {errors[name] && (
        <View className='field-error' data-testid={`error-${name}`}>
          {errors[name]}
        </View>
      )}
    </View>
  );
}

/**
 * 我要帮助 (居民点单): for me or a family member I look after, what kind of help (chips), a short
 * title and what else to know, which day and time, where, about how long, and whether to pay with
 * my time bank (its balance shown). Checked as the server checks it, each problem under its field;
 * confirmed in words, sent once per key, then the need's page.
 */
export default function NewNeedPage() {
  const { session } = useSession();
  const user = session?.user;
  const [family, setFamily] = useState<FamilyLinkDto[] | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [forUserId, setForUserId] = useState<string | null>(null);
  const [kind, setKind] = useState<NeedKind | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(() => shiftDay(chinaToday(), 1));
  const [time, setTime] = useState('09:00');
  const [place, setPlace] = useState('');
  const [minutes, setMinutes] = useState<number | null>(null);
  const [pay, setPay] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per need as written: a retried 发布 posts it once, a changed one is another.
  const key = useMemo(newIdempotencyKey, [forUserId, kind, title, description, date, time, place, minutes, pay]);

  const token = session?.token;
  useEffect(() => {
    if (!token) return;
    fetchFamily()
      .then((r) => setFamily(r.items.filter((l) => l.direction === 'carer')))
      .catch(() => setFamily([])); // then only for myself
    fetchMyAccount()
      .then(setAccount)
      .catch(() => undefined);
  }, [token]);

  if (!session) return <SignInFirst />;
  if (!family) return <View className={pageClass('page-lg')}><Loading /></View>;
  if (!user?.communityId && family.length === 0) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card banner' data-testid='need-register'>
          <View className='title'>请先登记住址</View>
          <View style={{ marginTop: '8px' }}>登记住址后，您所在社区的志愿者才能接您的需求。</View>
          <Button className='btn' onClick={() => void Taro.navigateTo({ url: `/packages/register/index?redirect=${encodeURIComponent('/packages/needs/new')}` })}>
            去登记住址
          </Button>
        </View>
      </View>
    );
  }

  const person = forUserId ? family.find((f) => f.userId === forUserId) ?? null : null;
  /** A change to a field clears the problem shown under it. */
  const touch = (name: string) => {
    setErrors((x) => (x[name] ? { ...x, [name]: '' } : x));
    setError(null);
  };
  const today = chinaToday();
  const otherDay = !NEAR_DAYS.some((n) => shiftDay(today, n.days) === date);
  const bank = account?.bankMinutes ?? null;
  const short = !person && pay && bank !== null && minutes !== null && bank < minutes;

  const submit = async () => {
    const when = chinaInstant(date, time);
    const found: Record<string, string> = {};
    if (!kind) found.kind = '请选择需要哪种帮助';
    if (minutes === null) found.minutes = '请选择大约需要多长时间';
    const checked = PostNeedBody.safeParse({ kind: kind ?? undefined, title, description, when, place, minutes: minutes ?? 0, payWithHours: pay, ...(forUserId ? { forUserId } : {}) });
    if (!checked.success) for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message;
    if (!found.when && Date.parse(when) <= Date.now()) found.when = '请选择之后的时间';
    if (!checked.success || Object.values(found).some(Boolean)) {
      setErrors(found);
      setError('请先改正标红的内容');
      return;
    }
    const b = checked.data;
    const who = person ? `为${person.name}（您的${person.relationLabel}）` : '';
    const paying = b.payWithHours ? `完成后从${person ? `${person.name}的` : '您的'}时间银行支付实际服务时长` : '不用时间银行支付';
    const { confirm } = await Taro.showModal({
      title: '发布需求',
      content: `${who}「${b.title}」（${NEED_KIND_LABELS[b.kind]}）：${formatDay(date)} ${time}，${b.place}，大约 ${minutesText(b.minutes)}。${paying}。发布后本社区的志愿者可以接单。`,
      confirmText: '发布',
      cancelText: '再改改',
    });
    if (!confirm) return;
    setBusy(true);
    setErrors({});
    try {
      const { need } = await postNeed(b, key);
      void Taro.showToast({ title: '已发布', icon: 'success' });
      void Taro.redirectTo({ url: `${detailUrl(need.id)}&fresh=1` });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(fields.communityId ? { ...fields, forUserId: fields.communityId } : fields);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={pageClass('page-lg')} data-testid='need-form'>
      {family.length > 0 && (
        <View className='card' data-testid='need-for'>
          <View className='title'>为谁发布</View>
          <View className='row wrap nd-chips'>
            <View className={`chip ${forUserId === null ? 'chip-on' : ''}`} data-testid='need-for-me' onClick={() => (setForUserId(null), touch('forUserId'))}>
              我自己
            </View>
            {family.map((f) => (
              <View key={f.userId} className={`chip ${forUserId === f.userId ? 'chip-on' : ''}`} data-testid={`need-for-${f.userId}`} onClick={() => (setForUserId(f.userId), touch('forUserId'))}>
                {f.name}（{f.relationLabel}）
              </View>
            ))}
          </View>
          {errors.forUserId && <View className='field-error' data-testid='error-forUserId'>{errors.forUserId}</View>}
        </View>
      )}

      <View className='card'>
        <View className='title'>需要什么帮助</View>
        <Field label='帮助的种类' name='kind' errors={errors}>
          <View className='row wrap nd-chips' data-testid='need-kinds'>
            {NEED_KINDS.map((k) => (
              <View key={k} className={`chip ${kind === k ? 'chip-on' : ''}`} data-testid={`need-kind-${k}`} onClick={() => (setKind(k), touch('kind'))}>
                {NEED_KIND_LABELS[k]}
              </View>
            ))}
          </View>
        </Field>
        <Field label='一句话说明' name='title' errors={errors}>
          <Input className='input' data-testid='need-title-input' value={title} maxlength={30} placeholder={PLACEHOLDERS[kind ?? 'other']} onInput={(e) => (setTitle(e.detail.value), touch('title'))} />
        </Field>
        <Field label='还要说明的（选填）' name='description' errors={errors}>
          <Textarea
            className='textarea'
            style={{ marginTop: '8px' }}
            data-testid='need-description'
            value={description}
            maxlength={300}
            placeholder='如：腿脚不便，需要搀扶；带上医保卡'
            onInput={(e) => (setDescription(e.detail.value), touch('description'))}
          />
        </Field>
      </View>

      <View className='card'>
        <View className='title'>什么时间、在哪里</View>
        <Field label='日期' name='when' errors={errors}>
          <View className='row wrap nd-chips' data-testid='need-date'>
            {NEAR_DAYS.map((n) => {
              const day = shiftDay(today, n.days);
              return (
                <View key={n.days} className={`chip ${date === day ? 'chip-on' : ''}`} data-testid={`need-date-${n.days}`} onClick={() => (setDate(day), touch('when'))}>
                  {n.label} {monthDay(day)}
                </View>
              );
            })}
            <Picker mode='date' value={date} start={today} onChange={(e) => (setDate(String(e.detail.value)), touch('when'))}>
              <View className={`chip ${otherDay ? 'chip-on' : ''}`} data-testid='need-date-pick'>
                {otherDay ? monthDay(date) : '其他日期'}
              </View>
            </Picker>
          </View>
        </Field>
        <View className='nd-label'>时间</View>
        <Picker mode='time' value={time} onChange={(e) => (setTime(String(e.detail.value)), touch('when'))}>
          <View className='input nd-pick' data-testid='need-time'>
            {time}
          </View>
        </Picker>
        <View className='nd-words' data-testid='need-when-words'>
          {formatDay(date)} {time}
        </View>
        <Field label='地点' name='place' errors={errors}>
          <Input className='input' data-testid='need-place' value={place} maxlength={60} placeholder='如：市人民医院门诊楼' onInput={(e) => (setPlace(e.detail.value), touch('place'))} />
        </Field>
        <Field label='大约需要多长时间' name='minutes' errors={errors}>
          <View className='row wrap nd-chips' data-testid='need-minutes'>
            {DURATIONS.map((m) => (
              <View key={m} className={`chip ${minutes === m ? 'chip-on' : ''}`} data-testid={`need-minutes-${m}`} onClick={() => (setMinutes(m), touch('minutes'))}>
                {minutesText(m)}
              </View>
            ))}
          </View>
        </Field>
      </View>

      <View className='card'>
        <View className='title'>时间银行</View>
        <ToggleRow
          on={pay}
          testid='need-pay-hours'
          title='用时间银行支付'
          sub={
            person
              ? `完成后从${person.name}的时间银行支付实际服务时长`
              : `我的时间银行：${bank === null ? '…' : minutesText(bank)}`
          }
          onChange={(on) => (setPay(on), touch('payWithHours'))}
        />
        <View className='nd-hint' data-testid='need-pay-hint'>
          {short
            ? `时间银行的余额不够这次的时长，完成后确认时可以选择不用时间支付。`
            : '志愿者完成后，您确认时按实际服务时长支付。不用时间银行支付也可以发布。'}
        </View>
      </View>

      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='need-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        发布需求
      </Button>
    </View>
  );
}
