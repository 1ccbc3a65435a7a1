import { Button, Switch, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type CategoriesResponse,
  type GridInfo,
  NOTICE_KINDS,
  type NearbyRequestsResponse,
  type NoticeKind,
  REQUEST_LIMITS,
  type RequestDetail,
} from '@linli/shared';
import { type PickedPhoto, PhotoPicker } from '../../components/PhotoPicker';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ErrorState, Loading } from '../../components/StateView';
import { CITY_CENTRE, useLocation } from '../../hooks/useLocation';
import { fetchMyGrid } from '../../services/auth';
import { pageClass } from '../../services/care';
import { newIdempotencyKey } from '../../services/idempotency';
import { ApiError, errorMessage } from '../../services/request';
import { fetchCategories, fetchNearbyRequests, followRequest, submitRequest } from '../../services/requests';
import { getSession } from '../../services/session';
import { formatTime } from '../../utils/format';
import { CompoundPicker, homeCompound } from './CompoundPicker';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { EmergencyBanner, EmergencyOffer } from './Emergency';
import { LimitLine } from './Fields';
import { LocationCard } from './Location';
import { frameOf, keyForContent, lengthHint, type Point, ruleInWords, type SentKey } from './logic';
import { NeedRegister } from './NeedRegister';
import { DutyHints } from './DutyHints';
import { filesForNeighbours, type NeighbourDraft, neighbourBody, NeighbourFields, neighbourProblem } from './Neighbour';
import { Receipt } from './Receipt';
import { SimilarRequests } from './SimilarRequests';
import './filing.css';

/** Fields the form shows the server's problems under; anything else goes to the message at the bottom. */
const FORM_FIELDS = new Set(['forNeighbour', 'categoryId', 'compound', 'description', 'photos', 'location', 'address', 'communityId', 'name', 'realName']);

export default function NewRequestPage() {
  const user = getSession()?.user;
  const registered = user?.communityId != null;
  const named = user?.realName !== false; // a stored session from before the field existed counts as named
  const userId = user?.id ?? '';
  // What he filled in last time and did not send, kept per user.
  const restored = useMemo(() => (userId ? loadDraft(userId) : null), [userId]);
  const { place, denied, declined, retry } = useLocation();
  const [catalog, setCatalog] = useState<CategoriesResponse | null>(null);
  // undefined while loading; null: no grid of his (the plan is drawn around the city centre).
  const [grid, setGrid] = useState<GridInfo | null | undefined>(undefined);
  const [group, setGroup] = useState<string | null>(restored?.group ?? null);
  const [categoryId, setCategoryId] = useState<string | null>(restored?.categoryId ?? null);
  // undefined until the resident picks: then his home compound is assumed.
  const [compoundChoice, setCompoundChoice] = useState<string | null | undefined>(restored?.compound);
  const [description, setDescription] = useState(restored?.description ?? '');
  const [address, setAddress] = useState(restored?.address ?? '');
  const [anonymous, setAnonymous] = useState(restored?.anonymous ?? false);
  const [photos, setPhotos] = useState<PickedPhoto[]>(restored?.photos ?? []);
  // Bumped to start the photo picker afresh (清空, 再反映一件).
  const [photoRound, setPhotoRound] = useState(0);
  const [pin, setPin] = useState<Point | null>(restored?.pin ?? null);
  const [pickerOpen, setPickerOpen] = useState(false);
  // The idempotency key of the content last sent: the same content (a double tap, a retry) files once.
  const [sent, setSent] = useState<SentKey | null>(restored?.sent ?? null);
  const [showRestored, setShowRestored] = useState(!!restored);
  const [tried, setTried] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const [receipt, setReceipt] = useState<{ request: RequestDetail; notified: boolean } | null>(null);
  const [similar, setSimilar] = useState<NearbyRequestsResponse['items']>([]);
  // 代邻居反映 (building leaders, grid workers): not kept in the draft, it is someone else's data.
  const [neighbour, setNeighbour] = useState<NeighbourDraft | null>(null);

  useEffect(() => {
    if (!registered || !named) return;
    fetchCategories()
      .then((c) => {
        setCatalog(c);
        setGroup((g) => g ?? c.groups[0]?.group ?? null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
    fetchMyGrid()
      .then((r) => setGrid(r.grid))
      .catch(() => setGrid(null));
  }, [registered, named]);

  // Every change is kept at once: leaving the page (or the app) loses nothing.
  useEffect(() => {
    if (!userId || receipt) return;
    saveDraft(userId, {
      v: 1,
      group,
      categoryId,
      ...(compoundChoice !== undefined ? { compound: compoundChoice } : {}),
      description,
      address,
      anonymous,
      photos,
      pin,
      sent,
      savedAt: '',
    });
  }, [userId, receipt, group, categoryId, compoundChoice, description, address, anonymous, photos, pin, sent]);

  const device = place?.source === 'device' ? place : null;
  // What is sent: the pin he placed, else the phone's own location; nothing yet means nothing is sent.
  const chosen: Point | null = pin ?? (device ? { lat: device.lat, lng: device.lng, datum: device.datum } : null);

  // While the resident fills the form: open requests of the same category right there.
  useEffect(() => {
    if (!chosen || !categoryId) return setSimilar([]);
    // A category or place changed before the answer came: the older answer is not shown.
    let live = true;
    fetchNearbyRequests({ lat: chosen.lat, lng: chosen.lng, datum: chosen.datum, categoryId })
      .then((r) => live && setSimilar(r.items))
      .catch(() => live && setSimilar([]));
    return () => {
      live = false;
    };
  }, [chosen?.lat, chosen?.lng, chosen?.datum, categoryId]);

  const frame = useMemo(
    () => (grid === undefined ? null : frameOf(grid?.boundary ?? null, CITY_CENTRE, grid ? 'gcj02' : 'wgs84', grid?.name ?? '市中心附近')),
    [grid],
  );

  const meToo = async (id: string) => {
    const notify = await askForNotices();
    try {
      await followRequest(id, notify);
      clearDraft(userId);
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

  const allCategories = catalog?.groups.flatMap((g) => g.categories) ?? [];
  const selected = allCategories.find((c) => c.id === categoryId) ?? null;
  const compounds = catalog?.propertyCompounds ?? [];
  const propertyMatter = compounds.length > 0 && !!selected?.propertyItem;
  const compound = compoundChoice === undefined ? homeCompound(compounds, user?.address) : compoundChoice;
  const hasAnything = !!categoryId || description.trim() !== '' || address.trim() !== '' || photos.length > 0 || pin !== null;

  const edit = (field: string, apply: () => void) => {
    apply();
    setError(null); // the message about the last submit no longer holds once he changes something
    // What the server (or a submit tap) said about this field no longer holds once he changes it.
    if (fieldErrors[field]) setFieldErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([f]) => f !== field)));
  };

  /** Back to an empty form (after 清空, or to file another). */
  const reset = () => {
    setCategoryId(null);
    setNeighbour(null);
    setCompoundChoice(undefined);
    setDescription('');
    setAddress('');
    setAnonymous(false);
    setPhotos([]);
    setPhotoRound((n) => n + 1);
    setPin(null);
    setPickerOpen(false);
    setSent(null);
    setTried(false);
    setFieldErrors({});
    setError(null);
    setShowRestored(false);
    clearDraft(userId);
  };

  const clearAll = async () => {
    const { confirm } = await Taro.showModal({
      title: '清空已填写的内容？',
      content: '问题类别、描述、地址、照片和标出的位置都会清空，不能恢复。',
      confirmText: '清空',
      cancelText: '不清空',
      confirmColor: '#c8372d',
    });
    if (confirm) reset();
  };

  /** What the form itself can tell before sending: each problem under its field. */
  const localProblems = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    const n = neighbour && neighbourProblem(neighbour);
    if (n) problems.forNeighbour = n;
    if (!categoryId) problems.categoryId = '请选择问题类别';
    const d = lengthHint(description, REQUEST_LIMITS.description, '问题描述', true).error;
    if (d) problems.description = d;
    const a = lengthHint(address, REQUEST_LIMITS.address, '地址').error;
    if (a) problems.address = a;
    if (!chosen) problems.location = '请先在图上标出问题所在的位置';
    return problems;
  };

  const submit = async () => {
    if (sending.current) return; // a second tap while the first is on its way sends nothing
    sending.current = true;
    try {
      const notify = await askForNotices();
      setTried(true);
      const problems = localProblems();
      if (Object.keys(problems).length > 0 || !chosen || !categoryId) {
        setFieldErrors(problems);
        if (problems.location) setPickerOpen(true);
        setError('还有内容需要修改，请看红字提示');
        return;
      }
      const body = {
        categoryId,
        ...(propertyMatter && compound ? { compound } : {}),
        description: description.trim(),
        location: { lat: chosen.lat, lng: chosen.lng, datum: chosen.datum },
        address: address.trim() || null,
        anonymous,
        photos: photos.map((p) => p.key),
        notify,
        ...(neighbour ? { forNeighbour: neighbourBody(neighbour) } : {}),
      };
      const key = keyForContent(sent, body, newIdempotencyKey);
      setSent(key);
      setBusy(true);
      setFieldErrors({});
      setError(null);
      const { request } = await submitRequest(body, key.key);
      clearDraft(userId);
      setReceipt({ request, notified: notify.length > 0 });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const byField = Object.fromEntries(e.fields.map((f) => [f.field.split('.')[0]!, f.message]));
        setFieldErrors(byField);
        const elsewhere = e.fields.filter((f) => !FORM_FIELDS.has(f.field.split('.')[0]!));
        setError(elsewhere.length ? elsewhere.map((f) => f.message).join('；') : `${e.message}，请看红字提示`);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const another = () => {
    reset();
    setReceipt(null);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  if (!registered || !named) {
    return (
      <View className={pageClass()}>
        <NeedRegister reason={registered ? 'name' : 'address'} />
        <PrivacyPopup />
      </View>
    );
  }
  if (receipt) {
    const worker = grid?.contacts.find((c) => c.role === 'grid_worker')?.name ?? null;
    return (
      <View className={pageClass()}>
        <Receipt request={receipt.request} myGrid={grid ? { id: grid.id, name: grid.name, worker } : null} notified={receipt.notified} onAnother={another} />
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
      {showRestored && restored && (
        <View className='banner' data-testid='draft-restored'>
          已恢复您上次没有提交的内容{restored.savedAt ? `（${formatTime(restored.savedAt)} 保存）` : ''}。不要了可以点最下面的“清空重填”。
        </View>
      )}
      <EmergencyBanner />
      {filesForNeighbours(user) && <NeighbourFields value={neighbour} onChange={(n) => edit('forNeighbour', () => setNeighbour(n))} error={fieldErrors.forNeighbour} />}
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
            <View
              key={c.id}
              className={`chip ${categoryId === c.id ? 'chip-on' : ''}`}
              data-testid={`category-${c.id}`}
              onClick={() => edit('categoryId', () => setCategoryId(c.id))}
            >
              {c.urgent ? '⚠️ ' : ''}
              {c.name}
            </View>
          ))}
        </View>
        {selected && selected.group !== group && <View className='muted'>已选：{selected.name}</View>}
        {fieldErrors.categoryId && (
          <View className='field-error' data-testid='category-error'>
            {fieldErrors.categoryId}
          </View>
        )}
      </View>
      <DutyHints communityId={user?.communityId} selected={selected} />
      {selected?.emergency && <EmergencyOffer kind={selected.emergency} acceptWithin={ruleInWords(selected.deadlines.grid.accept)} />}
      {propertyMatter && <CompoundPicker compounds={compounds} value={compound} onChange={(c) => edit('compound', () => setCompoundChoice(c))} />}
      {propertyMatter && fieldErrors.compound && <View className='field-error'>{fieldErrors.compound}</View>}
      <SimilarRequests items={similar} onMeToo={(id) => void meToo(id)} />
      <View className='card'>
        <View className='title'>问题描述</View>
        <Textarea
          className='textarea'
          data-testid='request-text'
          value={description}
          maxlength={REQUEST_LIMITS.description.max + 100}
          placeholder='说清楚在哪里、什么问题、持续多久了'
          onInput={(e) => edit('description', () => setDescription(e.detail.value))}
        />
        <LimitLine text={description} limit={REQUEST_LIMITS.description} label='问题描述' short={tried} serverError={fieldErrors.description} testid='description' />
        <View style={{ marginTop: '16px' }}>
          <PhotoPicker
            key={photoRound}
            initial={photos}
            onChange={() => undefined}
            onPhotos={(next) => edit('photos', () => setPhotos(next))}
          />
        </View>
        {fieldErrors.photos && (
          <View className='field-error' data-testid='photos-error'>
            {fieldErrors.photos}
          </View>
        )}
      </View>
      <LocationCard
        place={place}
        denied={denied}
        declined={declined}
        retry={() => void retry()}
        frame={frame}
        pin={pin}
        onPin={(p) => edit('location', () => setPin(p))}
        pickerOpen={pickerOpen}
        onOpenPicker={() => setPickerOpen(true)}
        address={address}
        onAddress={(a) => edit('address', () => setAddress(a))}
        tried={tried}
        errors={fieldErrors}
      />
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
      <Button className='btn' data-testid='submit-request' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        提交
      </Button>
      {hasAnything && (
        <Button className='btn-plain' data-testid='clear-draft' onClick={() => void clearAll()}>
          清空重填
        </Button>
      )}
      <PrivacyPopup />
    </View>
  );
}
