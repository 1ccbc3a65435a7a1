import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { ResidentDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { errorMessage } from '../../services/request';
import { fetchGridResidents, verifyResident } from '../../services/registration';
import { formatTime } from '../../utils/format';
import { useLatest } from '../../hooks/useLatest';

/**
 * 新登记居民: the grid worker's list of residents of his grid still to verify. 核实 confirms one as
 * registered; he stays in the list, marked 已核实, until the page is next opened.
 */
export function NewResidents({ gridId }: { gridId: string }) {
  const [items, setItems] = useState<ResidentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const begin = useLatest();
  const load = useCallback(async () => {
    const latest = begin();
    setError(null);
    try {
      const { items } = await fetchGridResidents(gridId, 'unverified');
      if (latest()) setItems(items);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [gridId, begin]);

  useEffect(() => {
    void load();
  }, [load]);

  const verify = async (r: ResidentDto) => {
    setBusyId(r.userId);
    setError(null);
    try {
      const { resident } = await verifyResident(r.userId, {});
      setItems((list) => list?.map((x) => (x.userId === r.userId ? resident : x)) ?? null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <View className='card' data-testid='new-residents'>
      <View className='title'>新登记居民</View>
      <View className='muted'>上门或电话确认住址后点“核实”</View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <Empty text='暂无待核实的居民' />}
      {items?.map((r) => (
        <View key={r.userId} className='resident-row' data-testid={`resident-${r.userId}`}>
          <View style={{ flex: 1 }}>
            <View className='resident-name'>
              {r.name}
              {r.phoneMasked && <Text className='muted' style={{ marginLeft: '16px' }}>{r.phoneMasked}</Text>}
            </View>
            <View>{r.address}</View>
            <View className='muted'>{formatTime(r.registeredAt)} 登记</View>
          </View>
          {r.verified ? (
            <Text className='tag tag-open' data-testid='resident-verified'>
              已核实
            </Text>
          ) : (
            <Button className='btn-inline btn' data-testid={`verify-${r.userId}`} loading={busyId === r.userId} disabled={!!busyId || undefined} onClick={() => void verify(r)}>
              核实
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
