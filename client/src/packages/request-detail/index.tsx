import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { REVISIT_METHOD_LABELS, REVISIT_METHODS, ROLE_LABELS, type RequestDetail, type Role, type StaffActionBody } from '@linli/shared';
import { PhotoPicker } from '../../components/PhotoPicker';
import { ErrorState, Loading } from '../../components/StateView';
import { ApiError, errorMessage } from '../../services/request';
import {
  fetchCommunities,
  fetchDepartments,
  fetchNearbyRequests,
  fetchRequest,
  rateRequest,
  residentUpdate,
  staffAction,
} from '../../services/requests';
import { getSession } from '../../services/session';
import { formatDue, formatTime, levelText, statusText } from '../../utils/format';

const EVENT_TEXT: Record<string, string> = {
  submitted: '提交反映',
  accepted: '受理',
  note: '办理进展',
  info_added: '补充信息',
  resolved: '办结',
  escalated: '上报',
  withdrawn: '撤回',
  rated: '评价',
  reopened: '重新办理',
};

export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  // Read once: a fresh object each render would re-run the effects that depend on it.
  const [user] = useState(() => getSession()?.user);
  const [r, setR] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [score, setScore] = useState(0);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<string[]>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const [grids, setGrids] = useState<{ id: string; name: string }[]>([]);
  const [departments, setDepartments] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [method, setMethod] = useState<(typeof REVISIT_METHODS)[number]>('phone');

  const load = useCallback(async () => {
    try {
      setR((await fetchRequest(id)).request);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => void load());
  useEffect(() => {
    if (!user || !user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin')) return;
    fetchCommunities()
      .then((c) => setGrids(c.items.flatMap((x) => x.grids)))
      .catch(() => setGrids([]));
    if (user.roles.includes('street_admin')) {
      fetchDepartments()
        .then((d) => setDepartments(d.items))
        .catch(() => setDepartments([]));
    }
  }, [user]);
  // Staff: open items of the same category close by, to merge a duplicate into.
  const [duplicates, setDuplicates] = useState<{ id: string; description: string; distanceMeters: number }[]>([]);
  useEffect(() => {
    if (!r || !user || !(r.status === 'submitted' || r.status === 'accepted')) return setDuplicates([]);
    if (!user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin')) return;
    fetchNearbyRequests({ lat: r.location.lat, lng: r.location.lng, datum: 'gcj02', categoryId: r.categoryId })
      .then((n) => setDuplicates(n.items.filter((x) => x.id !== r.id)))
      .catch(() => setDuplicates([]));
  }, [r, user]);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  const run = async (what: () => Promise<{ request: RequestDetail }>) => {
    setBusy(true);
    setFieldError(null);
    try {
      setR((await what()).request);
      setText('');
      setPhotos([]);
      setPickerKey((k) => k + 1);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setFieldError(e.fields[0]!.message);
      else void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      if (e instanceof ApiError && e.status === 409) void load();
    } finally {
      setBusy(false);
    }
  };

  if (error) return <View className='page'><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!r || !user) return <View className='page'><Loading /></View>;

  const isReporter = user.id === r.timeline[0]?.actorId;
  const isStaff = user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin');
  const open = r.status === 'submitted' || r.status === 'accepted';
  const act = (body: Record<string, unknown> & { action: StaffActionBody['action'] }) =>
    run(() => staffAction(r.id, { ...body, version: r.version } as StaffActionBody));

  return (
    <View className='page' data-testid='request-detail'>
      <View className='card'>
        <View className='row between'>
          <Text className='h1'>{r.categoryName}</Text>
          <Text className={`tag ${open ? (r.overdue ? 'tag-warn' : 'tag-open') : 'tag-closed'}`} data-testid='request-status'>
            {statusText(r.status)}
          </Text>
        </View>
        <View>{r.description}</View>
        {r.address && <View className='muted'>地址：{r.address}</View>}
        <View className='muted'>
          当前在{levelText(r.level)}办理{r.dueAt ? ` · ${r.status === 'submitted' ? '受理' : '办结'}时限${formatDue(r.dueAt)}` : ''}
        </View>
        {r.reporterName && <View className='muted'>反映人：{r.reporterName}{r.reporterPhone ? ` ${r.reporterPhone}` : ''}</View>}
        {r.result && <View style={{ marginTop: '12px' }}>办理结果：{r.result}</View>}
        <Photos urls={r.photos} />
      </View>

      <View className='card' data-testid='timeline'>
        <View className='title'>办理过程</View>
        {r.timeline.map((e, i) => (
          <View key={i} style={{ marginTop: '16px', borderLeft: '4px solid #c8372d', paddingLeft: '16px' }} data-testid='timeline-event'>
            <View>
              <Text style={{ fontWeight: 600 }}>{EVENT_TEXT[e.type] ?? e.type}</Text>
              <Text className='muted'> · {levelText(e.level)} · {formatTime(e.at)}</Text>
            </View>
            <View className='muted'>
              {e.actorName ?? (e.actorRole === 'system' ? '系统' : '居民')}
              {e.actorRole && e.actorRole !== 'system' ? `（${ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}）` : ''}
            </View>
            {e.note && <View>{e.note}</View>}
            <Photos urls={e.photos} />
          </View>
        ))}
      </View>

      {(open || r.status === 'resolved') && (isStaff || isReporter) && (
        <View className='card'>
          <Textarea className='textarea' data-testid='action-text' value={text} maxlength={500} placeholder={isStaff ? '办理进展、结果或上报原因' : '补充说明'} onInput={(e) => setText(e.detail.value)} />
          {isStaff && r.status === 'accepted' && <PhotoPicker key={pickerKey} onChange={setPhotos} label='现场照片' />}
          {fieldError && <View className='field-error'>{fieldError}</View>}
          {isStaff && r.status === 'submitted' && (
            <Button className='btn' data-testid='action-accept' disabled={busy || undefined} onClick={() => void act({ action: 'accept' })}>
              受理
            </Button>
          )}
          {isStaff && r.status === 'accepted' && (
            <View>
              <Button className='btn' data-testid='action-resolve' disabled={busy || undefined} onClick={() => void act({ action: 'resolve', result: text, photos })}>
                办结
              </Button>
              <Button className='btn-plain' data-testid='action-note' disabled={busy || undefined} onClick={() => void act({ action: 'note', note: text, photos })}>
                添加进展
              </Button>
            </View>
          )}
          {isStaff && open && r.level !== 'street' && (
            <Button className='btn-plain' data-testid='action-escalate' disabled={busy || undefined} onClick={() => void act({ action: 'escalate', reason: text })}>
              上报上一级
            </Button>
          )}
          {isStaff && r.status === 'submitted' && r.level !== 'street' && (
            <Button className='btn-plain' data-testid='action-refuse' disabled={busy || undefined} onClick={() => void act({ action: 'refuse', reason: text })}>
              退单（不属本单位职责）
            </Button>
          )}
          {isStaff && open && (r.level === 'grid' || r.level === 'community') && grids.length > 1 && (
            <View style={{ marginTop: '16px' }}>
              <View className='muted'>{r.level === 'grid' ? '转交其他网格' : '分派给网格'}</View>
              <View className='row wrap'>
                {grids
                  .filter((g) => g.id !== r.gridId || r.level === 'community')
                  .map((g) => (
                    <View
                      key={g.id}
                      className='chip'
                      onClick={() => void act(r.level === 'grid' ? { action: 'hand_over', gridId: g.id, reason: text || '不在本网格' } : { action: 'assign', gridId: g.id, note: text || undefined })}
                    >
                      {g.name}
                    </View>
                  ))}
              </View>
            </View>
          )}
          {isStaff && r.level === 'street' && open && departments.length > 0 && (
            <View style={{ marginTop: '16px' }} data-testid='dispatch'>
              <View className='muted'>派单（吹哨报到）：先选的部门牵头</View>
              <View className='row wrap'>
                {departments.map((d) => (
                  <View key={d.id} className={`chip ${chosen.includes(d.id) ? 'chip-on' : ''}`} onClick={() => toggle(d.id)}>
                    {chosen[0] === d.id ? '牵头·' : ''}
                    {d.name}
                  </View>
                ))}
              </View>
              <Button className='btn-plain' disabled={busy || chosen.length === 0 || undefined} onClick={() => void act({ action: 'dispatch', lead: chosen[0], others: chosen.slice(1), note: text || undefined })}>
                派单
              </Button>
            </View>
          )}
          {isStaff && r.level === 'department' && open && (
            <View className='row wrap' style={{ marginTop: '16px' }}>
              {r.departments
                .filter((d) => !d.reportedInAt)
                .map((d) => (
                  <View key={d.id} className='chip' onClick={() => void act({ action: 'report_in', department: d.id, note: text || '已报到' })}>
                    {d.name}报到
                  </View>
                ))}
            </View>
          )}
          {isStaff && open && duplicates.length > 0 && (
            <View style={{ marginTop: '16px' }} data-testid='merge'>
              <View className='muted'>附近有同类事项，如是同一件事可合并办理（反映人一并跟进）</View>
              {duplicates.map((d) => (
                <View key={d.id} className='row between' style={{ marginTop: '8px' }}>
                  <Text style={{ flex: 1 }}>
                    {d.description}（{d.distanceMeters} 米）
                  </Text>
                  <Button size='mini' className='btn-plain' disabled={busy || undefined} onClick={() => void act({ action: 'merge', into: d.id })}>
                    合并到此
                  </Button>
                </View>
              ))}
            </View>
          )}
          {isReporter && open && (
            <Button className='btn-plain' data-testid='action-add-info' disabled={busy || undefined} onClick={() => void run(() => residentUpdate(r.id, { action: 'add_info', note: text }))}>
              补充信息
            </Button>
          )}
          {isReporter && r.status === 'submitted' && (
            <Button className='btn-plain' data-testid='action-withdraw' disabled={busy || undefined} onClick={() => void run(() => residentUpdate(r.id, { action: 'withdraw' }))}>
              撤回
            </Button>
          )}
          {isReporter && r.status === 'resolved' && (
            <View data-testid='rating'>
              <View className='title'>对办理结果满意吗？</View>
              <View className='row' style={{ margin: '12px 0' }}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <Text key={n} data-testid={`star-${n}`} style={{ fontSize: '56px', color: n <= score ? '#f5a623' : '#ccc', marginRight: '12px' }} onClick={() => setScore(n)}>
                    ★
                  </Text>
                ))}
              </View>
              <View className='muted'>1–2 星将退回重新办理</View>
              <Button className='btn' data-testid='submit-rating' disabled={busy || score === 0 || undefined} onClick={() => void run(() => rateRequest(r.id, { score, comment: text.trim() || null }))}>
                提交评价
              </Button>
            </View>
          )}
        </View>
      )}
      {r.rating && (
        <View className='card'>
          <View className='title'>{isReporter ? '我的评价' : '居民评价'}</View>
          <View>{'★'.repeat(r.rating.score)}{r.rating.comment ? ` ${r.rating.comment}` : ''}</View>
        </View>
      )}
      {isStaff && r.status === 'closed' && (
        <View className='card' data-testid='revisit'>
          <View className='title'>回访（{r.revisits.length} 次）</View>
          <View className='row wrap' style={{ margin: '12px 0' }}>
            {REVISIT_METHODS.map((m) => (
              <View key={m} className={`chip ${method === m ? 'chip-on' : ''}`} onClick={() => setMethod(m)}>
                {REVISIT_METHOD_LABELS[m]}
              </View>
            ))}
          </View>
          <Textarea className='textarea' value={text} maxlength={500} placeholder='回访情况' onInput={(e) => setText(e.detail.value)} />
          <Button className='btn-plain' disabled={busy || undefined} onClick={() => void act({ action: 'revisit', method, outcome: text })}>
            记录回访
          </Button>
        </View>
      )}
    </View>
  );
}

function Photos({ urls }: { urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <View className='row wrap' style={{ marginTop: '8px' }}>
      {urls.map((u) => (
        <Image
          key={u}
          src={u}
          mode='aspectFill'
          data-testid='request-photo'
          style={{ width: '140px', height: '140px', borderRadius: '8px', marginRight: '12px', marginBottom: '12px' }}
          onClick={() => void Taro.previewImage({ urls, current: u })}
        />
      ))}
    </View>
  );
}
