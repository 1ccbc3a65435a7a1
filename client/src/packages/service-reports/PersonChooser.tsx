/**
 * Whom to credit for a good deed: staff type (part of) a name and pick among the registered
 * residents of the community's grids (the grid residents lists: GET /communities, then
 * GET /grids/{id}/residents?status=all), each shown with his address and masked phone so two
 * people of one name are told apart.
 */
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ResidentDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { fetchGridResidents } from '../../services/registration';
import { errorMessage } from '../../services/request';
import { fetchCommunities } from '../../services/requests';

const SHOWN = 6;
/** One read per community while the page is open (several good deeds share it). */
const cache = new Map<string, Promise<ResidentDto[]>>();

function residentsOf(communityId: string): Promise<ResidentDto[]> {
  let found = cache.get(communityId);
  if (!found) {
    found = (async () => {
      const community = (await fetchCommunities()).items.find((c) => c.id === communityId);
      if (!community) return [];
      const lists = await Promise.all(community.grids.map((g) => fetchGridResidents(g.id, 'all')));
      return lists.flatMap((l) => l.items);
    })();
    found.catch(() => cache.delete(communityId)); // a failure is tried again next time
    cache.set(communityId, found);
  }
  return found;
}

export function PersonChooser({ communityId, initial, chosen, onChoose }: { communityId: string; initial: string; chosen: ResidentDto | null; onChoose: (r: ResidentDto) => void }) {
  const [residents, setResidents] = useState<ResidentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState(initial);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(null);
    residentsOf(communityId)
      .then(setResidents)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [communityId, attempt]);

  const q = query.trim();
  const matches = residents && q ? residents.filter((r) => r.name.includes(q)) : [];
  return (
    <View data-testid='sr-person-chooser'>
      <View className='sr-label'>给谁记积分</View>
      <View className='sr-hint'>输入姓名，从本社区登记的居民中选择</View>
      <Input className='input' data-testid='sr-person-search' value={query} maxlength={20} placeholder='输入姓名查找' onInput={(e) => setQuery(e.detail.value)} />
      {error && <ErrorState message={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {!error && !residents && <Loading text='正在读取居民名单…' />}
      {residents && q && matches.length === 0 && (
        <View className='sr-hint' data-testid='sr-person-none'>{`本社区登记的居民中没有找到“${q}”。请核对姓名；此人需先在“我的”里登记住址。`}</View>
      )}
      {matches.slice(0, SHOWN).map((r) => (
        <View key={r.userId} className={`sr-person ${chosen?.userId === r.userId ? 'sr-person-on' : ''}`} data-testid='sr-person' onClick={() => onChoose(r)}>
          <View className='sr-person-main'>
            <View className='sr-person-name'>{r.name}</View>
            <View className='sr-person-sub'>
              {r.address}
              {r.phoneMasked ? ` · ${r.phoneMasked}` : ''}
            </View>
          </View>
          <Text className='sr-person-pick'>{chosen?.userId === r.userId ? '✓ 已选' : '选择'}</Text>
        </View>
      ))}
      {matches.length > SHOWN && <View className='sr-hint'>{`还有 ${matches.length - SHOWN} 人，请输入完整姓名`}</View>}
    </View>
  );
}
