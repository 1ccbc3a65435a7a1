import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { CATEGORY_FLAG_LABELS, type CategoriesResponse, type Category } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { pageClass } from '../../services/care';
import { errorMessage } from '../../services/request';
import { fetchCategoriesOf, fetchCommunities, setGridAdmission } from '../../services/requests';
import { getSession } from '../../services/session';
import { useLatest } from '../../hooks/useLatest';

/**
 * 准入事项清单: a community's categories, each marked 准入网格 (may be pushed down to grids) or 社区受理
 * (starts with the community). The street's admin changes the mark (the list is the district's), after
 * a confirmation; the community's admin reads it.
 */
export default function CategoriesPage() {
  const [user] = useState(() => getSession()?.user);
  const street = !!user?.roles.includes('street_admin');
  const [communities, setCommunities] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState<string | null>(user?.communityId ?? null);
  const [catalog, setCatalog] = useState<CategoriesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (!street) return;
    fetchCommunities()
      .then((r) => {
        setCommunities(r.items);
        setChosen((c) => c ?? r.items[0]?.id ?? null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [street]);

  const begin = useLatest();
  const load = useCallback(async () => {
    if (!chosen) return;
    const latest = begin();
    try {
      const fresh = await fetchCategoriesOf(chosen);
      if (!latest()) return;
      setCatalog(fresh);
      setError(null);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [chosen, begin]);
  useEffect(() => {
    // Another community chosen: its categories, not the last one's, are the ones a tap changes.
    setCatalog(null);
    void load();
  }, [load]);
  usePullToRefresh(load);

  const toggle = async (c: Category) => {
    if (!chosen) return;
    const to = !c.gridAdmitted;
    const { confirm } = await Taro.showModal({
      title: to ? '改为准入网格？' : '改为社区受理？',
      content: to ? `今后新反映的“${c.name}”先由网格员办理。` : `今后新反映的“${c.name}”直接由社区受理，不再派给网格。已反映的事项不变。`,
      confirmText: '确定',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(c.id);
    try {
      await setGridAdmission(chosen, c.id, to);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (!catalog && !error) return <View className={pageClass()}><Loading /></View>;
  return (
    <View className={pageClass()} data-testid='categories-admin'>
      <View className='card'>
        <View className='title'>网格准入事项清单</View>
        <View className='muted'>
          “{CATEGORY_FLAG_LABELS.gridAdmitted}”的事项先由网格办理；“{CATEGORY_FLAG_LABELS.notGridAdmitted}”的事项直接由社区受理。
          {street ? '清单由街道调整。' : '清单由街道调整，社区可查看。'}
        </View>
        {street && communities.length > 1 && (
          <View className='row wrap' style={{ marginTop: '12px' }}>
            {communities.map((c) => (
              <View key={c.id} className={`chip ${chosen === c.id ? 'chip-on' : ''}`} data-testid={`community-${c.id}`} onClick={() => setChosen(c.id)}>
                {c.name}
              </View>
            ))}
          </View>
        )}
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {catalog?.groups.map((g) => (
        <View key={g.group} className='card'>
          <View className='title'>{g.group}</View>
          {g.categories.map((c) => (
            <View key={c.id} style={{ marginTop: '16px' }} data-testid={`admission-${c.id}`}>
              <View>
                <Text>{c.name}</Text>
              </View>
              <Text className={`tag ${c.gridAdmitted ? 'tag-open' : 'tag-closed'}`}>
                {c.gridAdmitted ? CATEGORY_FLAG_LABELS.gridAdmitted : CATEGORY_FLAG_LABELS.notGridAdmitted}
              </Text>
              {c.propertyItem && <Text className='tag tag-closed'>{CATEGORY_FLAG_LABELS.propertyItem}</Text>}
              {c.staffOnly && <Text className='tag tag-closed'>{CATEGORY_FLAG_LABELS.staffOnly}</Text>}
              {street && (
                <Button className='btn-plain' data-testid={`toggle-${c.id}`} disabled={busy !== null || undefined} onClick={() => void toggle(c)}>
                  {c.gridAdmitted ? '改为社区受理' : '改为准入网格'}
                </Button>
              )}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
