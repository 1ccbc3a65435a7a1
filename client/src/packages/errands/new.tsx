import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { type CentreDto, CreateErrandBody, ERRAND_MODES, ERRAND_MODE_LABELS, type FamilyLinkDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { fetchCentres } from '../../services/booking';
import { createErrand } from '../../services/errands';
import { fetchFamily } from '../../services/family';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, fieldErrorsOf, isApiError } from '../../services/request';
import { getSession } from '../../services/session';
import { detailUrl } from './labels';
import './errands.css';
import { pageClass } from '../../services/care';

type Mode = (typeof ERRAND_MODES)[number];

function Problem({ name, errors }: { name: string; errors: Record<string, string> }) {
  return errors[name] ? <View className='field-error' data-testid={`error-${name}`}>{errors[name]}</View> : null;
}

/**
 * 申请代办: the centre (mine first), what to have done (its offerings, with what to have ready),
 * 代办 or 上门办理, for me or a family member I look after, what exactly, and where (my home address
 * when left empty) — confirmed in words, sent once per key, then its page.
 */
export default function NewErrandPage() {
  const [user] = useState(() => getSession()?.user);
  const [centres, setCentres] = useState<CentreDto[] | null>(null);
  const [family, setFamily] = useState<FamilyLinkDto[]>([]);
  const [loadError, setLoadError] = useState<{ message: string; register: boolean } | null>(null);
  const [centreId, setCentreId] = useState<string | null>(null);
  const [offeringId, setOfferingId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [forUserId, setForUserId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [address, setAddress] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per errand as written: a retry sends it again, a changed one is another request.
  const key = useMemo(newIdempotencyKey, [centreId, offeringId, mode, forUserId, note, address]);

  const load = async () => {
    setLoadError(null);
    try {
      const list = (await fetchCentres()).items;
      setCentres(list);
      setCentreId((id) => id ?? list[0]?.id ?? null);
    } catch (e) {
      setLoadError({ message: errorMessage(e), register: isApiError(e) && e.fields.some((f) => f.field === 'lat') });
    }
    fetchFamily()
      .then((r) => setFamily(r.items.filter((l) => l.direction === 'carer')))
      .catch(() => undefined);
  };
  useEffect(() => {
    void load();
  }, []);

  const centre = centres?.find((c) => c.id === centreId) ?? null;
  const offerings = centre?.offerings.filter((o) => o.active && o.kind === 'appointment') ?? [];
  const offering = offerings.find((o) => o.id === offeringId) ?? null;
  const person = forUserId ? family.find((f) => f.userId === forUserId) : null;
  /** A change to one field clears the problem shown under it. */
  const pick = (name: string, change: () => void) => {
    change();
    setErrors((x) => ({ ...x, [name]: '' }));
  };
  const pickCentre = (id: string) => {
    setCentreId(id);
    setOfferingId(null);
  };

  const submit = async () => {
    const body = { centreId: centreId ?? undefined, offeringId: offeringId ?? undefined, mode: mode ?? undefined, note, ...(address.trim() ? { address } : {}), ...(forUserId ? { forUserId } : {}) };
    const checked = CreateErrandBody.safeParse(body);
    if (!checked.success || !centre || !offering || !mode) {
      const found: Record<string, string> = {};
      if (!offering) found.offeringId = '请选择要办的事';
      for (const issue of checked.success ? [] : checked.error.issues) found[String(issue.path[0])] ??= issue.message;
      setErrors(found);
      return;
    }
    const who = person ? `${person.name}（${person.relationLabel}）` : '我自己';
    const where = checked.data.address ?? (person ? '家人登记的住址' : user?.address ?? '登记的住址');
    const { confirm } = await Taro.showModal({
      title: '确认申请',
      content: `${centre.name}：${offering.name}，${ERRAND_MODE_LABELS[mode]}。为${who}办理，地址：${where}。`,
      confirmText: '提交申请',
      cancelText: '再改改',
    });
    if (!confirm) return;
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const { errand } = await createErrand(checked.data, key);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: detailUrl(errand.id) });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(fields);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <View className={pageClass('page-lg')}>
        {loadError.register ? (
          <View className='card' data-testid='errand-need-register'>
            <View className='title'>请先登记住址</View>
            <View className='er-explain'>登记住址后，才知道由哪个服务中心和哪位网格员为您代办。</View>
            <Button className='btn' onClick={() => void Taro.navigateTo({ url: '/packages/register/index' })}>
              去登记住址
            </Button>
          </View>
        ) : (
          <ErrorState message={loadError.message} onRetry={() => void load()} />
        )}
      </View>
    );
  }
  if (!centres) return <View className={pageClass('page-lg')}><Loading /></View>;

  return (
    <View className={pageClass('page-lg')} data-testid='errand-form'>
      <View className='card'>
        <View className='title'>1. 到哪个服务中心办</View>
        <View className='row wrap' style={{ marginTop: '16px' }}>
          {centres.map((c) => (
            <View key={c.id} className={`chip ${c.id === centreId ? 'chip-on' : ''}`} data-testid={`errand-centre-${c.id}`} onClick={() => pickCentre(c.id)}>
              {c.name}
            </View>
          ))}
        </View>
      </View>
      <View className='card'>
        <View className='title'>2. 要办什么事</View>
        {offerings.map((o) => (
          <View key={o.id} className={`er-offering ${o.id === offeringId ? 'er-offering-on' : ''}`} data-testid={`errand-offering-${o.id}`} onClick={() => pick('offeringId', () => setOfferingId(o.id))}>
            <View className='er-offering-name'>{o.name}</View>
            {o.bring.length > 0 && <View className='er-line'>需要准备：{o.bring.join('、')}</View>}
          </View>
        ))}
        <Problem name='offeringId' errors={errors} />
      </View>
      <View className='card'>
        <View className='title'>3. 怎么办</View>
        <View className='row wrap' style={{ marginTop: '16px' }}>
          {ERRAND_MODES.map((m) => (
            <View key={m} className={`chip ${m === mode ? 'chip-on' : ''}`} data-testid={`errand-mode-${m}`} onClick={() => pick('mode', () => setMode(m))}>
              {ERRAND_MODE_LABELS[m]}
            </View>
          ))}
        </View>
        <View className='er-line'>{mode === 'home' ? '工作人员或网格员上门为您办理。' : mode === 'errand' ? '工作人员或网格员上门收材料，替您去窗口办好，再把结果送回来。' : ''}</View>
        <Problem name='mode' errors={errors} />
      </View>
      {family.length > 0 && (
        <View className='card' data-testid='errand-for'>
          <View className='title'>为谁办</View>
          <View className='row wrap' style={{ marginTop: '16px' }}>
            <View className={`chip ${forUserId === null ? 'chip-on' : ''}`} data-testid='errand-for-me' onClick={() => setForUserId(null)}>
              我自己
            </View>
            {family.map((f) => (
              <View key={f.userId} className={`chip ${forUserId === f.userId ? 'chip-on' : ''}`} data-testid={`errand-for-${f.userId}`} onClick={() => setForUserId(f.userId)}>
                {f.name}（{f.relationLabel}）
              </View>
            ))}
          </View>
          <Problem name='forUserId' errors={errors} />
        </View>
      )}
      <View className='card'>
        <View className='title'>4. 具体说明</View>
        <Textarea className='textarea' data-testid='errand-note' value={note} maxlength={200} placeholder='如：办理老年人优待证，腿脚不便，下午在家' onInput={(e) => pick('note', () => setNote(e.detail.value))} />
        <Problem name='note' errors={errors} />
        <View className='er-label'>地址（选填）</View>
        <Input
          className='input'
          data-testid='errand-address'
          value={address}
          maxlength={80}
          placeholder={person ? '不填就用家人登记的住址' : `不填就用${user?.address ? `：${user.address}` : '您登记的住址'}`}
          onInput={(e) => pick('address', () => setAddress(e.detail.value))}
        />
        <Problem name='address' errors={errors} />
        {errors.name && (
          <View data-testid='errand-need-name'>
            <Problem name='name' errors={errors} />
            <Button className='btn-plain' onClick={() => void Taro.navigateTo({ url: '/packages/register/index?need=name' })}>
              去补填真实姓名
            </Button>
          </View>
        )}
      </View>
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='errand-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        提交申请
      </Button>
    </View>
  );
}
