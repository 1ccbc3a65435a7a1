import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { type CategoriesResponse, NOTICE_KINDS, type NearbyRequestsResponse, type NoticeKind } from '@linli/shared';
import { PhotoPicker } from '../../components/PhotoPicker';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ErrorState, Loading } from '../../components/StateView';
import { useLocation } from '../../hooks/useLocation';
import { ApiError, errorMessage } from '../../services/request';
import { newIdempotencyKey } from '../../services/idempotency';
import { CompoundPicker, homeCompound } from './CompoundPicker';
import { fetchCategories, fetchNearbyRequests, followRequest, submitRequest } from '../../services/requests';
import { getSession } from '../../services/session';
import { pageClass } from '../../services/care';

/** The register page, coming back here once registered (this page is replaced, not stacked twice). */
const goRegister = (reason: 'address' | 'name') =>
  Taro.redirectTo({
    url: `/packages/register/index?redirect=${encodeURIComponent('/packages/request-new/index')}${reason === 'name' ? '&need=name' : ''}`,
  });

/** Filing needs a registered address (and a real name): one clear way forward instead of a dead end. */
function NeedRegister({ reason }: { reason: 'address' | 'name' }) {
  return (
    <View className='card banner page-lg' data-testid='need-register'>
      <View className='title'>{reason === 'address' ? '先登记住址' : '请补填真实姓名'}</View>
      <View style={{ marginTop: '8px' }}>
        {reason === 'address'
          ? '反映问题前，请先登记您住的社区和楼栋，网格员才能找到您、及时办理。'
          : '反映问题需要您的真实姓名，方便网格员联系您。'}
      </View>
      <Button className='btn' data-testid='go-register' onClick={() => void goRegister(reason)}>
        {reason === 'address' ? '先登记住址' : '去补填姓名'}
      </Button>
    </View>
  );
}

export default function NewRequestPage() {
  const user = getSession()?.user;
  const registered = user?.communityId != null;
  const named = user?.realName !== false; // a stored session from before the field existed counts as named
  const { place, denied, declined, retry } = useLocation();
  const [catalog, setCatalog] = useState<CategoriesResponse | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  // undefined until the resident picks: then his home compound is assumed.
  const [compoundChoice, setCompoundChoice] = useState<string | null | undefined>(undefined);
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [photos, setPhotos] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [similar, setSimilar] = useState<NearbyRequestsResponse['items']>([]);
  // One key for this form: a retry after a network failure files the request once.
  const idempotencyKey = useMemo(newIdempotencyKey, []);

  useEffect(() => {
    fetchCategories()
      .then((c) => {
        setCatalog(c);
        setGroup(c.groups[0]?.group ?? null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  // While the resident fills the form: open requests of the same category right here.
  useEffect(() => {
    if (!place || !categoryId) return setSimilar([]);
    fetchNearbyRequests({ lat: place.lat, lng: place.lng, datum: place.datum, categoryId })
      .then((r) => setSimilar(r.items))
      .catch(() => setSimilar([]));
  }, [place, categoryId]);

  const meToo = async (id: string) => {
    const notify = await askForNotices();
    try {
      await followRequest(id, notify);
      void Taro.redirectTo({ url: `/packages/request-detail/index?id=${id}` });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  /** In the mini-program, asks (from this tap) which progress messages the resident wants. */
  const askForNotices = async (): Promise<NoticeKind[]> => {
    const t = catalog?.subscribeTemplates;
    if (process.env.TARO_ENV !== 'weapp' || !t || !t.accepted) return [];
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [t.accepted, t.escalated, t.resolved], entityIds: [] })) as unknown as Record<string, string>;
      return NOTICE_KINDS.filter((k) => res[t[k]] === 'accept');
    } catch {
      return [];
    }
  };

  const compounds = catalog?.propertyCompounds ?? [];
  const propertyMatter = compounds.length > 0 && !!catalog?.groups.some((g) => g.categories.some((c) => c.id === categoryId && c.propertyItem));
  const compound = compoundChoice === undefined ? homeCompound(compounds, user?.address) : compoundChoice;

  const submit = async () => {
    const notify = await askForNotices();
    if (!categoryId) {
      setFieldErrors({ categoryId: '请选择问题类别' });
      return;
    }
    if (!place) return;
    setBusy(true);
    setFieldErrors({});
    setError(null);
    try {
      const { request } = await submitRequest(
        {
          categoryId,
          ...(propertyMatter && compound ? { compound } : {}),
          description,
          location: { lat: place.lat, lng: place.lng, datum: place.datum },
          address: address.trim() || null,
          anonymous,
          photos,
          notify,
        },
        idempotencyKey,
      );
      await Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/request-detail/index?id=${request.id}` });
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        setFieldErrors(Object.fromEntries(e.fields.map((f) => [f.field.split('.')[0]!, f.message])));
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!registered || !named) {
    return (
      <View className={pageClass()}>
        <NeedRegister reason={registered ? 'name' : 'address'} />
        <PrivacyPopup />
      </View>
    );
  }
  if (!catalog) {
    return (
      <View className={pageClass()}>
        {error ? <ErrorState message={error} /> : <Loading />}
        <PrivacyPopup />
      </View>
    );
  }
  const categories = catalog.groups.find((g) => g.group === group)?.categories ?? [];

  return (
    <View className={pageClass()} data-testid='request-form'>
      <View className='card'>
        <View className='title'>问题类别</View>
        <View className='row wrap' style={{ marginTop: '12px' }}>
          {catalog.groups.map((g) => (
            <View key={g.group} className={`chip ${group === g.group ? 'chip-on' : ''}`} data-testid={`group-${g.group}`} onClick={() => setGroup(g.group)}>
              {g.group}
            </View>
          ))}
        </View>
        <View className='row wrap' style={{ marginTop: '8px' }}>
          {categories.map((c) => (
            <View key={c.id} className={`chip ${categoryId === c.id ? 'chip-on' : ''}`} data-testid={`category-${c.id}`} onClick={() => setCategoryId(c.id)}>
              {c.urgent ? '⚠️ ' : ''}
              {c.name}
            </View>
          ))}
        </View>
        {fieldErrors.categoryId && <View className='field-error'>{fieldErrors.categoryId}</View>}
      </View>
      {propertyMatter && <CompoundPicker compounds={compounds} value={compound} onChange={setCompoundChoice} />}
      {similar.length > 0 && (
        <View className='card banner' data-testid='similar-requests'>
          <View className='title'>附近已有 {similar.length} 件同类问题正在办理</View>
          <View className='muted'>如果是同一件事，点"我也遇到"一起跟进，不必重复反映</View>
          {similar.map((x) => (
            <View key={x.id} className='row between' style={{ marginTop: '12px' }}>
              <Text style={{ flex: 1 }}>
                {x.description}（{x.distanceMeters} 米，{x.followers} 人反映）
              </Text>
              <Button className='btn-plain btn-inline' data-testid={`me-too-${x.id}`} onClick={() => void meToo(x.id)}>
                我也遇到
              </Button>
            </View>
          ))}
        </View>
      )}
      <View className='card'>
        <View className='title'>问题描述</View>
        <Textarea
          className='textarea'
          data-testid='request-text'
          value={description}
          maxlength={500}
          placeholder='说清楚在哪里、什么问题、持续多久了'
          onInput={(e) => setDescription(e.detail.value)}
        />
        {fieldErrors.description && <View className='field-error'>{fieldErrors.description}</View>}
        <View style={{ marginTop: '16px' }}>
          <PhotoPicker onChange={setPhotos} />
        </View>
        {fieldErrors.photos && <View className='field-error'>{fieldErrors.photos}</View>}
      </View>
      <View className='card'>
        <View className='title'>位置</View>
        <View className='muted'>
          {place ? (place.source === 'device' ? '已获取您当前的位置' : `${denied ?? '未能定位'}，将使用市中心位置`) : '正在定位…'}
          {place?.source === 'fallback' && (
            <Text style={{ textDecoration: 'underline', marginLeft: '8px' }} onClick={() => void retry()}>
              重新定位
            </Text>
          )}
        </View>
        {declined && (
          <View className='muted' style={{ marginTop: '8px' }} data-testid='location-manual'>
            请在下面写清楚问题在哪里，网格员按地址找到现场
          </View>
        )}
        <Input className='input' data-testid='request-address' value={address} placeholder='补充地址，如：名山小区 3 栋 2 单元' onInput={(e) => setAddress(e.detail.value)} />
      </View>
      <View className='card row between'>
        <View>
          <View className='title'>匿名反映</View>
          <View className='muted'>网格员和物业看不到您的姓名，社区及以上可见</View>
        </View>
        <Switch checked={anonymous} color='#c8372d' onChange={(e) => setAnonymous(e.detail.value)} />
      </View>
      {fieldErrors.communityId && <NeedRegister reason='address' />}
      {(fieldErrors.name || fieldErrors.realName) && <NeedRegister reason='name' />}
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='submit-request' loading={busy} disabled={busy || !place || undefined} onClick={() => void submit()}>
        提交
      </Button>
      <PrivacyPopup />
    </View>
  );
}
