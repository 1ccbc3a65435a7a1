import { View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { StreetCommunitiesResponse, StreetsResponse } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { errorMessage } from '../../services/request';
import { fetchStreetCommunities, fetchStreets } from '../../services/registration';
import type { ChosenPlace } from './types';
import { useLatest } from '../../hooks/useLatest';

type Street = z.infer<typeof StreetsResponse>['items'][number];
type Community = z.infer<typeof StreetCommunitiesResponse>['items'][number];

/** 手动选择: street → community → grid, as big chips (no tiny pickers). */
export function PlacePicker({ onPick }: { onPick: (p: ChosenPlace) => void }) {
  const [streets, setStreets] = useState<Street[] | null>(null);
  const [street, setStreet] = useState<Street | null>(null);
  const [communities, setCommunities] = useState<Community[] | null>(null);
  const [community, setCommunity] = useState<Community | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Another street tapped before one's communities came: they are not offered under it.
  const begin = useLatest();
  const chooseStreet = useCallback(async (s: Street) => {
    const latest = begin();
    setStreet(s);
    setCommunity(null);
    setCommunities(null);
    setError(null);
    try {
      const { items } = await fetchStreetCommunities(s.id);
      if (latest()) setCommunities(items);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [begin]);

  const loadStreets = useCallback(async () => {
    setError(null);
    try {
      const { items } = await fetchStreets();
      setStreets(items);
      if (items.length === 1) void chooseStreet(items[0]!); // one street served: skip the question
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [chooseStreet]);

  useEffect(() => {
    void loadStreets();
  }, [loadStreets]);

  const pick = (c: Community, grid: { id: string; name: string } | null) => {
    if (!street) return;
    onPick({
      input: grid ? { by: 'search', communityId: c.id, gridId: grid.id } : { by: 'search', communityId: c.id },
      streetName: street.name,
      communityName: c.name,
      gridName: grid?.name ?? null,
      place: null,
    });
  };

  if (error) return <ErrorState message={error} onRetry={() => void (street ? chooseStreet(street) : loadStreets())} />;
  if (!streets) return <Loading />;
  return (
    <View data-testid='place-picker'>
      <View className='muted'>1. 选择街道（乡镇）</View>
      <View className='row wrap' style={{ marginTop: '12px' }}>
        {streets.map((s) => (
          <View key={s.id} className={`chip ${street?.id === s.id ? 'chip-on' : ''}`} data-testid={`street-${s.id}`} onClick={() => void chooseStreet(s)}>
            {s.city} {s.name}
          </View>
        ))}
      </View>
      {street && !communities && <Loading />}
      {communities && (
        <View>
          <View className='muted' style={{ marginTop: '16px' }}>
            2. 选择社区
          </View>
          <View className='row wrap' style={{ marginTop: '12px' }}>
            {communities.map((c) => (
              <View key={c.id} className={`chip ${community?.id === c.id ? 'chip-on' : ''}`} data-testid={`community-${c.id}`} onClick={() => setCommunity(c)}>
                {c.name}
              </View>
            ))}
          </View>
          {communities.length === 0 && <View className='muted'>这个街道暂未开通</View>}
        </View>
      )}
      {community && (
        <View>
          <View className='muted' style={{ marginTop: '16px' }}>
            3. 选择网格
          </View>
          <View className='row wrap' style={{ marginTop: '12px' }}>
            {community.grids.map((g) => (
              <View key={g.id} className='chip' data-testid={`grid-${g.id}`} onClick={() => pick(community, g)}>
                {g.name}
              </View>
            ))}
            <View className='chip' data-testid='grid-unknown' onClick={() => pick(community, null)}>
              不清楚，由社区分配
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
