/**
 * Whom to credit for a good deed: staff type the first characters of a name and pick among the
 * community's registered residents (GET /communities/{id}/residents?name=, with a grid or
 * without), each shown with his address and masked phone so two people of one name are told apart.
 */
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ResidentDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { findCommunityResidents } from '../../services/registration';
import { errorMessage } from '../../services/request';

const SHOWN = 6;
/** The server answers at most this many per search: more means "type more of the name". */
const SEARCH_LIMIT = 20;
/** Wait this long after the last keystroke before asking. */
const TYPING_MS = 300;

export function PersonChooser({ communityId, initial, chosen, onChoose }: { communityId: string; initial: string; chosen: ResidentDto | null; onChoose: (r: ResidentDto) => void }) {
  const [query, setQuery] = useState(initial);
  // The answer for one name (a late answer for an earlier name is ignored).
  const [found, setFound] = useState<{ q: string; items: ResidentDto[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const q = query.trim();

  useEffect(() => {
    if (!q) return undefined;
    let live = true;
    setError(null);
    const timer = setTimeout(() => {
      findCommunityResidents(communityId, q)
        .then((r) => live && setFound({ q, items: r.items }))
        .catch((e: unknown) => live && setError(errorMessage(e)));
    }, TYPING_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [communityId, q, attempt]);

  const matches = found && found.q === q ? found.items : null;
  return (
    <View data-testid='sr-person-chooser'>
      <View className='sr-label'>给谁记积分</View>
      <View className='sr-hint'>从姓开始输入姓名，在本社区登记的居民中选择</View>
      <Input className='input' data-testid='sr-person-search' value={query} maxlength={20} placeholder='输入姓名查找' onInput={(e) => setQuery(e.detail.value)} />
      {q && error && <ErrorState message={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {q && !error && !matches && <Loading text='正在查找…' />}
      {q && matches?.length === 0 && (
        <View className='sr-hint' data-testid='sr-person-none'>{`本社区登记的居民中没有找到“${q}”。请核对姓名；此人需先在“我的”里登记住址和真实姓名。`}</View>
      )}
      {q &&
        matches?.slice(0, SHOWN).map((r) => (
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
      {matches && matches.length > SHOWN && (
        <View className='sr-hint'>{matches.length >= SEARCH_LIMIT ? '同名开头的人较多，请输入完整姓名' : `还有 ${matches.length - SHOWN} 人，请输入完整姓名`}</View>
      )}
    </View>
  );
}
