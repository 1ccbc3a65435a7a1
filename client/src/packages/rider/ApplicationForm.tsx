import { Button, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ApplicationDto, CreateApplicationBody, type User } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { newIdempotencyKey } from '../../services/idempotency';
import { fetchStreetCommunities } from '../../services/registration';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { applyAsGridHelper } from '../../services/riders';

type Grid = { id: string; name: string };

/**
 * 申请成为兼职网格员: the grid (the grids of his community, his registered grid chosen to start with)
 * and a few words on why; the community decides. Someone with no registered address is sent to
 * 登记住址 first (the grid follows from it).
 */
export function ApplicationForm({ user, onApplied }: { user: User; onApplied: (application: ApplicationDto) => void }) {
  const [grids, setGrids] = useState<Grid[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [gridId, setGridId] = useState<string | null>(user.gridId);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per application as written: a retry reuses it, an edited one gets a new one.
  const idempotencyKey = useMemo(newIdempotencyKey, [gridId, note]);
  const { streetId, communityId } = user;

  const load = useCallback(async () => {
    if (!streetId || !communityId) return;
    setLoadError(null);
    try {
      const { items } = await fetchStreetCommunities(streetId);
      setGrids(items.find((c) => c.id === communityId)?.grids ?? []);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [streetId, communityId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!streetId || !communityId) {
    return (
      <View className='card' data-testid='apply-register-first'>
        <View className='title'>申请成为兼职网格员</View>
        <View className='muted'>请先登记住址，申请时会用到您所在的社区和网格</View>
        <Button className='btn' onClick={() => void Taro.navigateTo({ url: '/packages/register/index' })}>
          登记住址
        </Button>
      </View>
    );
  }

  const submit = async () => {
    const checked = CreateApplicationBody.safeParse({ gridId: gridId ?? '', note });
    const found: Record<string, string> = {};
    for (const issue of checked.error?.issues ?? []) found[String(issue.path[0])] ??= issue.message;
    if (!gridId) found.gridId = '请选择网格';
    if (!checked.success || Object.keys(found).length) return setErrors(found);
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      onApplied((await applyAsGridHelper(checked.data, idempotencyKey)).application);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(fields);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='apply-form'>
      <View className='title'>申请成为兼职网格员</View>
      <View className='muted'>兼职网格员在送件途中帮网格员留意安全隐患、上报问题。社区审核通过后即可上岗。</View>
      <View className='label' style={{ marginTop: '24px' }}>
        想帮忙的网格
      </View>
      {loadError && <ErrorState message={loadError} onRetry={() => void load()} />}
      {!grids && !loadError && <Loading />}
      {grids && (
        <View className='row wrap' style={{ marginTop: '8px' }}>
          {grids.map((g) => (
            <View
              key={g.id}
              className={`chip ${gridId === g.id ? 'chip-on' : ''}`}
              data-testid={`grid-${g.id}`}
              onClick={() => {
                setGridId(g.id);
                setErrors((x) => ({ ...x, gridId: '' }));
              }}
            >
              {g.name}
              {g.id === user.gridId ? '（我的网格）' : ''}
            </View>
          ))}
        </View>
      )}
      {errors.gridId && (
        <View className='field-error' data-testid='error-grid'>
          {errors.gridId}
        </View>
      )}
      <View className='label' style={{ marginTop: '24px' }}>
        简单说说您的情况
      </View>
      <Textarea
        className='textarea'
        style={{ width: 'auto', marginTop: '8px' }}
        data-testid='apply-note'
        value={note}
        maxlength={200}
        placeholder='如：我每天在名山路一带送餐，熟悉这里，愿意帮忙巡查'
        onInput={(e) => {
          setNote(e.detail.value);
          setErrors((x) => ({ ...x, note: '' }));
        }}
      />
      {errors.note && (
        <View className='field-error' data-testid='error-note'>
          {errors.note}
        </View>
      )}
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='submit-application' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        提交申请
      </Button>
    </View>
  );
}
