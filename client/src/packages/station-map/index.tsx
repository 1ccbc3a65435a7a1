import { Map, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AMENITIES, type Amenity, type NearbyResponse, readAmenity, type StationDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { errorMessage } from '../../services/request';
import { fetchInBbox, fetchNearby } from '../../services/stations';
import { formatDistance } from '../../utils/format';
import { pageClass } from '../../services/care';
import { useLatest } from '../../hooks/useLatest';

const RADIUS = 3000;
const open = (id: string) => Taro.navigateTo({ url: `/packages/station-detail/index?id=${id}` });

/** Metres east/north of the centre (small-area projection, good to a few metres at city scale). */
function offsetMeters(c: { lat: number; lng: number }, p: { lat: number; lng: number }) {
  return {
    x: (p.lng - c.lng) * 111_320 * Math.cos((c.lat * Math.PI) / 180),
    y: (p.lat - c.lat) * 110_540,
  };
}

/** H5 has no map tiles here: a self-drawn plan of the stations around you, to scale. */
function Plan({ data }: { data: NearbyResponse }) {
  const reach = Math.max(500, ...data.items.map((s) => s.distanceMeters ?? 0)) * 1.1;
  const pos = (p: { lat: number; lng: number }) => {
    const { x, y } = offsetMeters(data.center, p);
    return { left: `${50 + (x / reach) * 50}%`, top: `${50 - (y / reach) * 50}%` };
  };
  const ring = (fraction: number) => ({
    width: `${fraction * 100}%`,
    height: `${fraction * 100}%`,
    left: `${50 - fraction * 50}%`,
    top: `${50 - fraction * 50}%`,
  });
  return (
    <View>
      <View className='plan' data-testid='station-plan'>
        <View className='plan-ring' style={ring(1)} />
        <View className='plan-ring' style={ring(0.5)} />
        <Text className='plan-scale'>外圈半径 {formatDistance(Math.round(reach))}</Text>
        <Text className='plan-north'>北 ↑</Text>
        <View className='plan-me' style={{ left: '50%', top: '50%' }} />
        {data.items.map((s, i) => (
          <View
            key={s.id}
            className={`plan-pin ${s.openNow ? '' : 'plan-pin-closed'}`}
            style={pos(s.location)}
            data-testid='plan-pin'
            onClick={() => void open(s.id)}
          >
            {i + 1}
          </View>
        ))}
      </View>
      {data.items.map((s, i) => (
        <View key={s.id} className='row between card' onClick={() => void open(s.id)}>
          <Text>
            {i + 1}. {s.name}
          </Text>
          <Text className='muted'>{formatDistance(s.distanceMeters)}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * weapp: the native map with the stations of the visible area (GET /stations?bbox), clustered by the
 * map itself; re-queried whenever the user pans or zooms.
 */
function WeappMap({ center }: { center: { lat: number; lng: number } }) {
  const [stations, setStations] = useState<StationDto[]>([]);
  const [hint, setHint] = useState<string | null>(null);

  const begin = useLatest();
  const loadRegion = useCallback(async () => {
    const latest = begin();
    const ctx = Taro.createMapContext('station-map');
    const region = await ctx.getRegion();
    const { southwest: sw, northeast: ne } = region;
    if (ne.latitude - sw.latitude > 0.5 || ne.longitude - sw.longitude > 0.5) {
      if (latest()) setHint('地图范围过大，请放大地图查看驿站');
      return;
    }
    try {
      // The map moved again meanwhile: the newer region's answer is the one to show.
      const { items } = await fetchInBbox([sw.longitude, sw.latitude, ne.longitude, ne.latitude]);
      if (!latest()) return;
      setStations(items);
      setHint(null);
    } catch (e) {
      if (latest()) setHint(errorMessage(e));
    }
  }, [begin]);

  useEffect(() => {
    const ctx = Taro.createMapContext('station-map');
    ctx.initMarkerCluster({ enableDefaultStyle: true, zoomOnClick: true, gridSize: 60, complete: () => undefined });
    const timer = setTimeout(() => void loadRegion(), 300);
    return () => clearTimeout(timer);
  }, [loadRegion]);

  const markers = stations.map((s, i) => ({
    id: i,
    latitude: s.location.lat,
    longitude: s.location.lng,
    title: s.name,
    iconPath: s.openNow ? '/assets/tab/stations-on.png' : '/assets/tab/stations.png',
    width: 30,
    height: 30,
    joinCluster: true,
    callout: { content: s.name, display: 'BYCLICK' as const, padding: 6, borderRadius: 6, fontSize: 12, color: '#222222', bgColor: '#ffffff', textAlign: 'center' as const, anchorX: 0, anchorY: 0, borderWidth: 0, borderColor: '#ffffff' },
  }));
  return (
    <View>
      {hint && <View className='banner'>{hint}</View>}
      <Map
        id='station-map'
        style={{ width: '100%', height: '100vh' }}
        latitude={center.lat}
        longitude={center.lng}
        scale={14}
        showLocation
        markers={markers}
        onRegionChange={(e) => {
          if ((e as { type?: string }).type === 'end') void loadRegion();
        }}
        onCalloutTap={(e) => {
          const s = stations[Number((e.detail as { markerId: number }).markerId)];
          if (s) void open(s.id);
        }}
        onError={() => setHint('地图加载失败')}
      />
    </View>
  );
}

export default function StationMapPage() {
  const { params } = useRouter();
  const [data, setData] = useState<NearbyResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isWeapp = process.env.TARO_ENV === 'weapp';

  useEffect(() => {
    if (isWeapp) return;
    // An old link may still say `charging` (phone charging before the split).
    const amenities = (params.amenities ?? '')
      .split(',')
      .map(readAmenity)
      .filter((a): a is Amenity => (AMENITIES as readonly string[]).includes(a));
    fetchNearby({
      lat: Number(params.lat),
      lng: Number(params.lng),
      datum: params.datum === 'wgs84' ? 'wgs84' : 'gcj02',
      radius: RADIUS,
      amenities,
      openNow: params.openNow === 'true',
      limit: 50,
    })
      .then(setData)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [isWeapp, params.lat, params.lng, params.datum, params.amenities, params.openNow]);

  if (isWeapp) return <WeappMap center={{ lat: Number(params.lat), lng: Number(params.lng) }} />;
  if (error) return <View className={pageClass()}><ErrorState message={error} /></View>;
  if (!data) return <View className={pageClass()}><Loading /></View>;
  if (data.items.length === 0) return <View className={pageClass()}><Empty text='3 公里内没有符合条件的驿站' /></View>;
  return (
    <View className={pageClass()}>
      <Plan data={data} />
    </View>
  );
}
