import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Amenity, StationDto } from '@linli/shared';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { StationCard } from '../../components/StationCard';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useLocation } from '../../hooks/useLocation';
import { useLatest } from '../../hooks/useLatest';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../../services/request';
import { fetchNearby } from '../../services/stations';
import { amenityText } from '../../utils/format';
import { pageClass } from '../../services/care';

/** What riders filter by most: charging the bike (or swapping its battery) and the phone come first. */
const FILTERS: Amenity[] = ['ebike_charging', 'battery_swap', 'phone_charging', 'water', 'food_heating', 'toilet', 'rest', 'rain_shelter', 'first_aid'];
const RADIUS = 5000;
const LIMIT = 30;

export default function StationsPage() {
  const { session, goLogin } = useSession();
  const { place, denied, retry } = useLocation();
  const [amenities, setAmenities] = useState<Amenity[]>([]);
  const [openNow, setOpenNow] = useState(false);
  const [items, setItems] = useState<StationDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const begin = useLatest();
  const load = useCallback(async () => {
    if (!place || !session) return;
    const latest = begin();
    setLoading(true);
    setError(null);
    try {
      const res = await fetchNearby({ ...place, radius: RADIUS, amenities, openNow, limit: LIMIT });
      if (latest()) setItems(res.items);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    } finally {
      if (latest()) setLoading(false);
      Taro.stopPullDownRefresh();
    }
  }, [place, session, amenities, openNow, begin]);

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => void load());
  // Back on the list (from a station, another tab): read it again, so nothing waits for a pull.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });

  const toggle = (a: Amenity) => setAmenities((cur) => (cur.includes(a) ? cur.filter((x) => x !== a) : [...cur, a]));
  const open = (id: string) => Taro.navigateTo({ url: `/packages/station-detail/index?id=${id}` });
  const openMap = () => {
    if (!place) return;
    const q = `lat=${place.lat}&lng=${place.lng}&datum=${place.datum}&amenities=${amenities.join(',')}&openNow=${openNow}`;
    void Taro.navigateTo({ url: `/packages/station-map/index?${q}` });
  };

  if (!session) {
    return (
      <View className={pageClass()}>
        <View className='card'>
          <View className='title'>登录后查找附近驿站</View>
          <View className='muted'>为骑手、快递员提供饮水、充电、热饭、休息的暖新驿站</View>
          <Button className='btn' onClick={goLogin}>
            去登录
          </Button>
        </View>
        <PrivacyPopup />
      </View>
    );
  }

  return (
    <View className={pageClass()}>
      {denied && place?.source === 'fallback' && (
        <View className='banner' data-testid='location-fallback'>
          <Text>{denied}，正在显示峨眉山市中心附近的驿站。</Text>
          <Text style={{ textDecoration: 'underline', marginLeft: '8px' }} onClick={() => void retry()}>
            重新定位
          </Text>
        </View>
      )}
      <View className='row wrap'>
        <View className={`chip ${openNow ? 'chip-on' : ''}`} data-testid='filter-openNow' onClick={() => setOpenNow(!openNow)}>
          营业中
        </View>
        {FILTERS.map((a) => (
          <View
            key={a}
            className={`chip ${amenities.includes(a) ? 'chip-on' : ''}`}
            data-testid={`filter-${a}`}
            onClick={() => toggle(a)}
          >
            {amenityText(a)}
          </View>
        ))}
      </View>
      <View className='row between' style={{ margin: '12px 0 20px' }}>
        <Text className='muted'>
          {items ? `${RADIUS / 1000} 公里内${items.length >= LIMIT ? '最近的' : '共'} ${items.length} 个驿站` : ''}
        </Text>
        <Button className='btn-plain btn-inline' data-testid='open-map' onClick={openMap}>
          地图
        </Button>
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && (loading || !place) && !items && <Loading text={place ? '正在查找附近驿站…' : '正在定位…'} />}
      {!error && items && items.length === 0 && <Empty text='附近没有符合条件的驿站，试试减少筛选条件' />}
      {items?.map((s) => <StationCard key={s.id} station={s} onOpen={open} />)}
      <PrivacyPopup />
    </View>
  );
}
